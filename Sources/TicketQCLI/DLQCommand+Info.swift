import Foundation
import TicketQConfig

extension DLQCommand {
    /// The fields of a dead letter's info object (written by the worker that dead-lettered it),
    /// read tolerantly: a missing or oddly typed field is nil.
    struct Info {
        /// The parsed object, or nil when the stored text is not a JSON object.
        let node: ConfigNode?

        init(json: String) {
            if let node = try? ConfigNode.parseJSON(Data(json.utf8)), case .object = node {
                self.node = node
            } else {
                self.node = nil
            }
        }

        /// Why the ticket was dead-lettered.
        var reason: String? { text("reason") }
        /// The last handler error.
        var lastError: String? { text("last_error") ?? text("lastError") ?? text("error") }
        /// Deliveries made.
        var attempts: String? { text("attempts") }

        /// A field as display text.
        func text(_ key: String) -> String? {
            guard let value = node?[key] else { return nil }
            return Self.display(value)
        }

        /// A scalar as plain text; anything else as compact JSON-like text.
        static func display(_ node: ConfigNode) -> String {
            switch node {
            case .null: return "null"
            case let .bool(flag): return flag ? "true" : "false"
            case let .integer(value): return String(value)
            case let .number(value): return String(value)
            case let .string(text, _): return text
            case let .array(items): return "[" + items.map(display).joined(separator: ", ") + "]"
            case let .object(entries): return "{" + entries.map { "\($0.key): \(display($0.value))" }.joined(separator: ", ") + "}"
            }
        }
    }
}
