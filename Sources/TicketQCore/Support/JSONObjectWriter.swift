/// Writes one JSON object with keys in the order they are added — for records whose field order
/// is part of a documented format (SLA records, outcomes) — straight into UTF-8 bytes.
public struct JSONObjectWriter: Sendable {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]

    /// Creates an empty object.
    public init() {
        bytes.reserveCapacity(512)
    }

    /// Adds a string field, or `null` when the value is nil.
    public mutating func add(_ key: String, _ value: String?) {
        appendKey(key)
        if let value { JSONObjectWriter.appendQuoted(value, to: &bytes) } else { appendLiteral("null") }
    }

    /// Adds a boolean field, or `null`.
    public mutating func add(_ key: String, _ value: Bool?) {
        appendKey(key)
        switch value {
        case true?: appendLiteral("true")
        case false?: appendLiteral("false")
        case nil: appendLiteral("null")
        }
    }

    /// Adds an integer field, or `null`.
    public mutating func add(_ key: String, _ value: Int64?) {
        appendKey(key)
        if let value { bytes.append(contentsOf: String(value).utf8) } else { appendLiteral("null") }
    }

    /// Adds a field whose value is already valid JSON text.
    public mutating func addRaw(_ key: String, _ json: String) {
        appendKey(key)
        bytes.append(contentsOf: json.utf8)
    }

    /// The finished object.
    public var json: String {
        var finished = bytes
        finished.append(UInt8(ascii: "}"))
        return String(decoding: finished, as: UTF8.self)
    }

    private mutating func appendKey(_ key: String) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        JSONObjectWriter.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func appendLiteral(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A JSON string literal with RFC 8259 escaping.
    public static func quote(_ value: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value` as a JSON string literal. U+2028 and U+2029 are escaped too, so that the
    /// output is also safe to embed in JavaScript.
    public static func appendQuoted(_ value: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = value
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                case 0x00..<0x20: appendUnicodeEscape(UInt32(byte), to: &bytes)
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    appendUnicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029, to: &bytes)
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ code: UInt32, to bytes: inout [UInt8]) {
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(hex[Int((code >> UInt32(shift)) & 0xF)])
        }
    }
}
