import Foundation
import TicketQCore
import TicketQTriage

/// Makes realistic, seeded ticket contents from labelled customer requests: the brand mix,
/// the real intent mix, subjects that fit the request, order numbers and customer addresses.
/// Tickets carry no category, so intake triages them as it would real mail.
public struct TicketSampler {
    private let texts: [[String]]
    private let intents: [String]
    private let intentCumulative: [Double]
    private let brands: [String]
    private let brandCumulative: [Double]
    private let prefix: String
    private var random: SplitMix64

    /// Creates a sampler.
    ///
    /// - Parameters:
    ///   - utterances: labelled requests; their intent frequencies are the mix. Nil uses the
    ///     built-in sample, weighted by the full data file's intent frequencies.
    ///   - brandMix: brands and their weights.
    ///   - seed: the seed; the same seed gives the same tickets.
    ///   - idPrefix: the start of every ticket id (default `lt<seed>-`); phases of one run use
    ///     different prefixes so that Redis's duplicate check never joins them.
    /// - Throws: ``LoadError`` when the brand mix or the utterances are empty.
    public init(utterances: [LabelledUtterance]?, brandMix: [(brand: String, weight: Double)], seed: UInt64, idPrefix: String? = nil) throws(LoadError) {
        var grouped: [String: [String]] = [:]
        var weights: [String: Double] = [:]
        if let utterances {
            for utterance in utterances {
                grouped[utterance.intent, default: []].append(utterance.text)
                weights[utterance.intent, default: 0] += 1
            }
        } else {
            for sample in SampleUtterances.samples { grouped[sample.intent, default: []].append(sample.text) }
            for (intent, rows) in SampleUtterances.intentRows { weights[intent] = Double(rows) }
        }
        intents = grouped.keys.sorted()
        guard !intents.isEmpty else { throw LoadError("--utterances: no labelled requests to sample") }
        texts = intents.map { grouped[$0]! }
        intentCumulative = Self.cumulative(intents.map { weights[$0] ?? 0 })
        let mix = brandMix.filter { $0.weight > 0 }
        guard !mix.isEmpty else { throw LoadError("--brand-mix must give at least one brand a positive weight") }
        brands = mix.map(\.brand)
        brandCumulative = Self.cumulative(mix.map(\.weight))
        prefix = idPrefix ?? "lt\(seed)-"
        random = SplitMix64(seed: seed ^ 0x7469_636B_6574_71)
    }

    /// The ticket with sequence number `index`, as a JSON object; `urgent` and `complex`, when
    /// set, are written into the ticket (intake then takes them as given).
    public mutating func ticket(index: Int, urgent: Bool? = nil, complex: Bool? = nil) -> [UInt8] {
        let brand = brands[random.weightedIndex(brandCumulative)]
        let intentIndex = random.weightedIndex(intentCumulative)
        let intent = intents[intentIndex]
        let candidates = texts[intentIndex]
        let body = candidates[Int(random.next() % UInt64(candidates.count))]
        let subjects = SubjectLines.byIntent[intent] ?? ["Question"]
        var subject = subjects[Int(random.next() % UInt64(subjects.count))]
        var orderID: String?
        if SubjectLines.mentionsOrder(subject) {
            let number = 100_000 + Int(random.next() % 900_000)
            orderID = "\(brand.prefix(2).uppercased())\(number)"
            subject = subject.replacingOccurrences(of: "#", with: "#\(number)")
        }
        let customer = random.next() % 250_000
        var object = JSONObjectWriter()
        object.add("id", "\(prefix)\(index)")
        object.add("brand", brand)
        object.add("from", "customer\(customer)@example.com")
        object.add("subject", subject)
        object.add("body", body)
        if let orderID { object.add("order_id", orderID) }
        if let urgent { object.add("urgent", urgent) }
        if let complex { object.add("complex", complex) }
        return Array(object.json.utf8)
    }

    /// The default brand mix: Pandorana's inbox is the larger of the two.
    public static let defaultBrandMix = "pandorana=3,mejurn=2"

    /// Parses `pandorana=3,mejurn=2`.
    /// - Throws: ``LoadError`` naming the bad part.
    public static func brandMix(_ text: String) throws(LoadError) -> [(brand: String, weight: Double)] {
        var mix: [(brand: String, weight: Double)] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingWhitespace() }
            guard pieces.count == 2, !pieces[0].isEmpty, let weight = Double(pieces[1]), weight >= 0, weight.isFinite else {
                throw LoadError("--brand-mix: \"\(part)\" is not BRAND=WEIGHT (e.g. pandorana=3,mejurn=2)")
            }
            mix.append((pieces[0], weight))
        }
        return mix
    }

    private static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { total += $0; return total }
    }
}
