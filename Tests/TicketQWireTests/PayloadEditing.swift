import TicketQConfig
import TicketQCore

/// Rewrites a queue payload's top-level fields, to build corrupted payloads from valid ones.
enum PayloadEditing {
    static func edit(_ payload: [UInt8], _ change: (inout [ConfigEntry]) -> Void) throws -> [UInt8] {
        guard case var .object(entries) = try JSONParser.parse(payload) else { throw PayloadEditingError() }
        change(&entries)
        var writer = JSONObjectWriter()
        for entry in entries {
            switch entry.value {
            case .null: writer.addRaw(entry.key, "null")
            case let .bool(flag): writer.add(entry.key, flag)
            case let .integer(value): writer.add(entry.key, value)
            case let .number(value): writer.addRaw(entry.key, "\(value)")
            case let .string(text, _): writer.add(entry.key, text)
            case .array: writer.addRaw(entry.key, "[]")
            case .object: writer.addRaw(entry.key, "{}")
            }
        }
        return Array(writer.json.utf8)
    }

    static func setting(_ key: String, to value: ConfigNode, in payload: [UInt8]) throws -> [UInt8] {
        try edit(payload) { entries in
            if let index = entries.firstIndex(where: { $0.key == key }) {
                entries[index] = ConfigEntry(key: key, value: value)
            } else {
                entries.append(ConfigEntry(key: key, value: value))
            }
        }
    }

    static func removing(_ key: String, from payload: [UInt8]) throws -> [UInt8] {
        try edit(payload) { $0.removeAll { $0.key == key } }
    }
}

struct PayloadEditingError: Error {}
