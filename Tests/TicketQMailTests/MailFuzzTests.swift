import Foundation
import TicketQCore
import TicketQMail
import Testing

/// Seeded mutation fuzzing of the parser: every mutated message either parses (recording each
/// defect it recovered from once) or fails with a typed error naming the problem — never a
/// crash, a hang or an empty ticket. The seeds include the odd-mail corpus, and mutations of the
/// well-formed seeds alone reach every recovery path.
struct MailFuzzTests {
    static let wellFormedSeeds: [[UInt8]] = [
        MailFixtures.gmailReply, MailFixtures.outlookReply, MailFixtures.appleMailHTMLOnlyBase64,
        MailFixtures.withAttachment, MailFixtures.forwarded, MailFixtures.noMessageID,
    ]
    static let seeds = wellFormedSeeds + OddMailCorpus.cases.map { MailFixtures.crlf($0.raw) }

    /// 20,000 by default; `TICKETQ_FUZZ_ITERATIONS=1000000 swift test -c release --filter MailFuzzTests`
    /// runs the long campaign recorded in BENCHMARKS.md.
    static let iterations = Int(ProcessInfo.processInfo.environment["TICKETQ_FUZZ_ITERATIONS"] ?? "") ?? 20_000

    @Test(.timeLimit(.minutes(60)))
    func mutatedMessagesNeverCrash() {
        let parser = InboundEmailParser(sizeLimit: 1 << 20)
        var generator = SplitMix64(seed: 20_261_122)
        var parsed = 0
        var rejected: [String: Int] = [:]
        var defects: [MIMEDefect: Int] = [:]
        for round in 0..<Self.iterations {
            var message = Self.seeds[round % Self.seeds.count]
            MailMutator.mutate(&message, generator: &generator)
            do {
                let mail = try parser.parse(message)
                #expect(!mail.text.isEmpty || mail.subject != nil, "round \(round): a parsed message without text or subject")
                #expect(Set(mail.defects).count == mail.defects.count, "round \(round): a defect recorded twice")
                if round % Self.seeds.count < Self.wellFormedSeeds.count {
                    for defect in mail.defects { defects[defect, default: 0] += 1 }
                }
                parsed += 1
            } catch {
                rejected[String(describing: error).prefix(24).description, default: 0] += 1
            }
        }
        #expect(parsed > Self.iterations / 10, "the mutations should leave many messages parseable (\(parsed))")
        #expect(!rejected.isEmpty, "the mutations should break some messages")
        let missed = MIMEDefect.allCases.filter { defects[$0] == nil }
        #expect(missed.isEmpty, "the mutations should reach every recovery path from well-formed seeds; none recorded \(missed)")
    }
}
