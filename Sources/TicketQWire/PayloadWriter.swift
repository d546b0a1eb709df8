import TicketQConfig

/// Appends the fields of one compact JSON object to a byte buffer, without Foundation.
struct PayloadWriter {
    private var bytes: [UInt8]

    init(capacity: Int) {
        bytes = []
        bytes.reserveCapacity(capacity)
        bytes.append(UInt8(ascii: "{"))
    }

    mutating func add(_ key: PayloadKey, _ value: String) {
        appendKey(key)
        appendQuoted(value)
    }

    mutating func addIfPresent(_ key: PayloadKey, _ value: String?) {
        if let value { add(key, value) }
    }

    mutating func add(_ key: PayloadKey, _ value: Bool) {
        appendKey(key)
        if value { bytes.append(contentsOf: "true".utf8) } else { bytes.append(contentsOf: "false".utf8) }
    }

    mutating func addIfTrue(_ key: PayloadKey, _ value: Bool) {
        if value { add(key, true) }
    }

    mutating func addIfPresent(_ key: PayloadKey, _ value: Bool?) {
        if let value { add(key, value) }
    }

    mutating func add(_ key: PayloadKey, _ value: Int64) {
        appendKey(key)
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var start = 20
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    mutating func addIfPresent(_ key: PayloadKey, _ value: Int64?) {
        if let value { add(key, value) }
    }

    /// The finished object.
    mutating func finish() -> [UInt8] {
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    private mutating func appendKey(_ key: PayloadKey) {
        if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "\""))
        let code = key.code
        if code > 0xFF { bytes.append(UInt8(code >> 8)) }
        bytes.append(UInt8(truncatingIfNeeded: code))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A JSON string literal (RFC 8259 escaping), copying runs that need no escape at once.
    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            while true {
                let special = JSONStringBytes.firstSpecial(in: utf8, from: runStart)
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<special]))
                guard special < utf8.count else { break }
                let byte = utf8[special]
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: "u00".utf8)
                    bytes.append(Self.hexDigit(byte >> 4))
                    bytes.append(Self.hexDigit(byte & 0xF))
                }
                runStart = special + 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
