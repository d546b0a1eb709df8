import TicketQConfig
import TicketQCore

/// One line of `ticketq sla --jsonl` input.
struct SLARequest {
    /// The `id` exactly as given, as JSON text (`null` when absent).
    var idJSON = "null"
    var received: Instant
    var brand: String?
    var facts = TicketFacts()
    var calendar: ConfigNode?
    var rule: (response: SLATarget, resolution: SLATarget?)?

    static let fields: Set<String> = [
        "id", "received_utc", "brand", "category", "urgent", "complex", "high_volume_mode", "calendar", "rule",
    ]

    /// Reads a request object; every problem names its field.
    static func decode(_ node: ConfigNode) throws(ConfigError) -> SLARequest {
        guard case let .object(entries) = node else {
            throw ConfigError(file: nil, field: "", reason: "each line must be a JSON object, found \(node.kindName)")
        }
        for entry in entries where !fields.contains(entry.key) {
            throw ConfigError(file: nil, field: entry.key, reason: "unknown field; expected one of \(fields.sorted().joined(separator: ", "))")
        }
        func field(_ key: String) -> ConfigNode? {
            guard let value = node[key], value != .null else { return nil }
            return value
        }
        func string(_ key: String) throws(ConfigError) -> String? {
            guard let value = field(key) else { return nil }
            guard case let .string(text, _) = value else {
                throw ConfigError(file: nil, field: key, reason: "must be a string, found \(value.kindName)")
            }
            return text
        }
        func bool(_ key: String) throws(ConfigError) -> Bool {
            guard let value = field(key) else { return false }
            guard case let .bool(flag) = value else {
                throw ConfigError(file: nil, field: key, reason: "must be true or false, found \(value.kindName)")
            }
            return flag
        }

        guard let receivedText = try string("received_utc") else {
            throw ConfigError(file: nil, field: "received_utc", reason: "required field is missing")
        }
        let received: Instant
        do {
            received = try RFC3339.parse(receivedText)
        } catch {
            throw ConfigError(file: nil, field: "received_utc", reason: error.reason)
        }
        var request = SLARequest(received: received)
        if let id = field("id") {
            switch id {
            case let .string(text, _): request.idJSON = JSONObjectWriter.quote(text)
            case let .integer(value): request.idJSON = String(value)
            default: throw ConfigError(file: nil, field: "id", reason: "must be a string or an integer, found \(id.kindName)")
            }
        }
        request.brand = try string("brand")
        request.facts = TicketFacts(
            category: try string("category"),
            urgent: try bool("urgent"),
            complex: try bool("complex"),
            highVolumeMode: try bool("high_volume_mode")
        )
        request.calendar = field("calendar")
        if let rule = field("rule") {
            guard case let .object(ruleEntries) = rule else {
                throw ConfigError(file: nil, field: "rule", reason: "must be an object {\"response\": target, \"resolution\"?: target}")
            }
            for entry in ruleEntries where entry.key != "response" && entry.key != "resolution" {
                throw ConfigError(file: nil, field: "rule.\(entry.key)", reason: "unknown field; expected response, resolution")
            }
            guard let response = rule["response"], response != .null else {
                throw ConfigError(file: nil, field: "rule.response", reason: "required field is missing")
            }
            let resolution = rule["resolution"].flatMap { $0 == .null ? nil : $0 }
            request.rule = (
                try TargetDecoder.decode(response, path: "rule.response"),
                try resolution.map { node throws(ConfigError) in try TargetDecoder.decode(node, path: "rule.resolution") }
            )
        }
        return request
    }
}
