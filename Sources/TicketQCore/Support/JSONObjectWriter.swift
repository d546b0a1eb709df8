/// Writes one JSON object with keys in the order they are added — for records whose field order
/// is part of a documented format (SLA records, outcomes) — without building intermediate trees.
public struct JSONObjectWriter: Sendable {
    private var text = "{"
    private var isEmpty = true

    /// Creates an empty object.
    public init() {}

    /// Adds a string field, or `null` when the value is nil.
    public mutating func add(_ key: String, _ value: String?) {
        addRaw(key, value.map(JSONObjectWriter.quote) ?? "null")
    }

    /// Adds a boolean field, or `null`.
    public mutating func add(_ key: String, _ value: Bool?) {
        addRaw(key, value.map { $0 ? "true" : "false" } ?? "null")
    }

    /// Adds an integer field, or `null`.
    public mutating func add(_ key: String, _ value: Int64?) {
        addRaw(key, value.map { String($0) } ?? "null")
    }

    /// Adds a field whose value is already valid JSON text.
    public mutating func addRaw(_ key: String, _ json: String) {
        if !isEmpty { text += "," }
        isEmpty = false
        text += JSONObjectWriter.quote(key)
        text += ":"
        text += json
    }

    /// The finished object.
    public var json: String { text + "}" }

    /// A JSON string literal with RFC 8259 escaping.
    public static func quote(_ value: String) -> String {
        var result = "\""
        result.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
