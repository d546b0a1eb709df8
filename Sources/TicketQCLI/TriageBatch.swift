import Foundation
import TicketQConfig
import TicketQCore
import TicketQTriage

/// Triages JSONL lines one at a time: every line gets a record or an error record, and a bad
/// line never stops the others. A line is a ticket (`id`, `brand`, `subject`, `body`, …) or
/// `{"id", "brand"?, "text"}`; fields triage does not use are ignored.
final class TriageBatch {
    private let triager: TicketTriager
    private let catalog: PolicyCatalog
    private let defaultBrand: String?
    private(set) var failedLines = 0

    init(triager: TicketTriager, catalog: PolicyCatalog, defaultBrand: String?) {
        self.triager = triager
        self.catalog = catalog
        self.defaultBrand = defaultBrand
    }

    /// The output line for one input line, or nil for a blank line.
    func answer(line: Substring) -> String? {
        guard line.contains(where: { !$0.isWhitespace }) else { return nil }
        var id: String?
        do {
            let node = try ConfigNode.parseJSON(Data(line.utf8))
            guard case let .object(entries) = node else { throw TriageInputError("a line must be a JSON object") }
            func string(_ key: String) throws -> String? {
                guard let value = entries.first(where: { $0.key == key })?.value else { return nil }
                switch value {
                case let .string(text, _): return text
                case .null: return nil
                default: throw TriageInputError("\"\(key)\" must be a string")
                }
            }
            id = try string("id")
            guard let id, !id.isEmpty else { throw TriageInputError("\"id\" is missing or empty") }
            let text = try [string("text"), string("subject"), string("body")].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
            guard !text.isEmpty else { throw TriageInputError("no text: give \"text\", or \"subject\" and/or \"body\"") }
            let brand = try string("brand") ?? defaultBrand
            let policy = try brand.map { name throws(ConfigError) in try catalog.policy(for: name) }
            return Self.record(id: id, messageID: nil, triager.triage(text: text, policy: policy))
        } catch {
            failedLines += 1
            var object = JSONObjectWriter()
            object.add("id", id)
            object.add("error", "\(error)")
            return object.json
        }
    }

    /// The output record of one decision; category and urgent only when a brand is known, and
    /// `mime_defects` (what the email parser recovered from) for a message.
    static func record(id: String, messageID: String?, _ decision: TriageDecision, mimeDefects: [String]? = nil) -> String {
        var object = JSONObjectWriter()
        object.add("id", id)
        if let messageID { object.add("message_id", messageID) }
        object.add("intent", decision.intent)
        object.addRaw("confidence", String(format: "%.4f", decision.confidence))
        if let category = decision.category { object.add("category", category) }
        if let urgent = decision.urgent { object.add("urgent", urgent) }
        object.add("complex", decision.complex)
        object.add("needs_review", decision.needsReview)
        if let mimeDefects { object.addRaw("mime_defects", "[" + mimeDefects.map { "\"\($0)\"" }.joined(separator: ",") + "]") }
        return object.json
    }
}

/// A triage input line that cannot be used.
struct TriageInputError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
