import TicketQCore

/// A stable short fingerprint of a config document, used as its version when none is given.
enum ContentFingerprint {
    /// FNV-1a (64 bit) over a canonical rendering with sorted keys, written `fnv-<16 hex digits>`.
    static func of(_ node: ConfigNode) -> String {
        var hash = FNV1a64()
        func mix(_ text: String) {
            hash.combine(contentsOf: text.utf8)
        }
        func walk(_ node: ConfigNode) {
            switch node {
            case .null: mix("n;")
            case let .bool(value): mix(value ? "t;" : "f;")
            case let .integer(value): mix("i\(value);")
            case let .number(value): mix("d\(value);")
            case let .string(text, _): mix("s\(text.utf8.count):\(text);")
            case let .array(items):
                mix("[")
                items.forEach(walk)
                mix("]")
            case let .object(entries):
                mix("{")
                for entry in entries.sorted(by: { $0.key < $1.key }) {
                    mix("k\(entry.key.utf8.count):\(entry.key);")
                    walk(entry.value)
                }
                mix("}")
            }
        }
        walk(node)
        let hex = String(hash.value, radix: 16)
        return "fnv-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}
