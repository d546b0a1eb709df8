import Foundation
import TicketQConfig
import TicketQCore
import TicketQStore

extension StatusCommand {
    /// A worker's registry entry: the JSON object the worker writes (id, host, pid, started, last
    /// seen, processed, metrics address, …), read tolerantly — any field may be missing.
    struct WorkerRecord {
        /// The worker id (the registry key).
        let id: String
        /// The record's fields in their written order; empty when the record is not a JSON object.
        let fields: [ConfigEntry]
        /// The record as written.
        let rawJSON: String
        /// Whether the stored text is a JSON object.
        let isObject: Bool

        init(id: String, json: String) {
            self.id = id
            rawJSON = json
            if let node = try? ConfigNode.parseJSON(Data(json.utf8)), case let .object(entries) = node {
                fields = entries
                isObject = true
            } else {
                fields = []
                isObject = false
            }
        }

        /// The record as a JSON object that always has an `id`.
        var json: String {
            guard isObject else {
                var object = JSONObjectWriter()
                object.add("id", id)
                object.add("record", rawJSON)
                return object.json
            }
            if fields.contains(where: { $0.key == "id" }) { return rawJSON }
            let body = rawJSON.drop { $0 != "{" }.dropFirst()
            let rest = body.trimmingCharacters(in: .whitespaces)
            return "{\"id\":\(JSONObjectWriter.quote(id))" + (rest.hasPrefix("}") ? "" : ",") + body
        }

        /// A field as display text: times (integers under a key that names one) as RFC 3339 UTC.
        func display(_ key: String) -> String {
            if key == "id" { return TerminalText.sanitized(id) }
            guard let value = fields.first(where: { $0.key == key })?.value else { return "-" }
            if case let .integer(number) = value, Self.isTimeKey(key) {
                // Records may give epoch seconds or milliseconds.
                let milliseconds = abs(number) < 100_000_000_000 ? number * 1000 : number
                return UTCTimestamp.format(milliseconds: milliseconds)
            }
            return TerminalText.truncated(Self.display(value), to: 40)
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

        private static func isTimeKey(_ key: String) -> Bool {
            let lower = key.lowercased()
            return ["started", "seen", "heartbeat", "time"].contains { lower.contains($0) } || lower.hasSuffix("_at") || lower.hasSuffix("_ms")
        }
    }
}
