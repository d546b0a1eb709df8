/// A single-pass reader for the common case of intake and payload input: one JSON object whose
/// values are strings, integers, booleans or null. It builds no tree and allocates only the
/// value strings.
///
/// It accepts a subset of what ``JSONParser`` accepts and yields the same values for it; on
/// anything else (another value kind, a fraction, an escaped key, any syntax error) it gives up,
/// and callers fall back to ``JSONParser``, whose errors name the problem and its column.
package enum FlatJSONObjectScanner {
    /// Scans `bytes`, calling `visit` with each key's raw bytes and its value in order.
    ///
    /// - Returns: false when the input is not such an object or `visit` returned false.
    package static func scan(_ bytes: UnsafeBufferPointer<UInt8>, visit: (UnsafeBufferPointer<UInt8>, JSONScalar) -> Bool) -> Bool {
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        guard reader.consume(UInt8(ascii: "{")) else { return false }
        reader.skipWhitespace()
        if reader.consume(UInt8(ascii: "}")) {
            reader.skipWhitespace()
            return reader.atEnd
        }
        while true {
            reader.skipWhitespace()
            guard let key = reader.plainKey() else { return false }
            reader.skipWhitespace()
            guard reader.consume(UInt8(ascii: ":")) else { return false }
            reader.skipWhitespace()
            guard let value = reader.value(), visit(key, value) else { return false }
            reader.skipWhitespace()
            if reader.consume(UInt8(ascii: ",")) { continue }
            guard reader.consume(UInt8(ascii: "}")) else { return false }
            reader.skipWhitespace()
            return reader.atEnd
        }
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == bytes.count }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// A quoted key without escapes, as raw bytes.
        mutating func plainKey() -> UnsafeBufferPointer<UInt8>? {
            guard consume(UInt8(ascii: "\"")) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    index += 1
                    return UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)])
                }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }

        mutating func value() -> JSONScalar? {
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""): return string().map(JSONScalar.string)
            case UInt8(ascii: "t"): return literal("true") ? .bool(true) : nil
            case UInt8(ascii: "f"): return literal("false") ? .bool(false) : nil
            case UInt8(ascii: "n"): return literal("null") ? .null : nil
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return integer().map(JSONScalar.integer)
            default: return nil
            }
        }

        mutating func literal(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != text.utf8Start[offset] {
                return false
            }
            index += count
            return true
        }

        /// An integer without fraction or exponent that fits in 64 bits.
        mutating func integer() -> Int64? {
            let negative = consume(UInt8(ascii: "-"))
            let start = index
            var magnitude: UInt64 = 0
            while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                guard !overflow1, !overflow2 else { return nil }
                magnitude = sum
                index += 1
            }
            let digits = index - start
            guard digits > 0, !(digits > 1 && bytes[start] == UInt8(ascii: "0")) else { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                return nil
            }
            if negative {
                guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
                return Int64(truncatingIfNeeded: 0 &- magnitude)
            }
            guard magnitude <= UInt64(Int64.max) else { return nil }
            return Int64(magnitude)
        }

        /// A string, unescaped; invalid UTF-8 is repaired as ``JSONParser`` does.
        mutating func string() -> String? {
            index += 1
            let start = index
            index = JSONStringBytes.firstSpecial(in: bytes, from: index)
            guard index < bytes.count else { return nil }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<(index - 1)]), as: UTF8.self)
            case UInt8(ascii: "\\"):
                return escapedString(from: start)
            default:
                return nil  // a control character
            }
        }

        private mutating func escapedString(from start: Int) -> String? {
            var unescaped: [UInt8] = []
            unescaped.reserveCapacity(index - start + 64)
            unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            while index < bytes.count {
                let runStart = index
                index = JSONStringBytes.firstSpecial(in: bytes, from: index)
                unescaped.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                guard index < bytes.count else { return nil }
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: unescaped, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    index += 1
                    guard index < bytes.count else { return nil }
                    let escape = bytes[index]
                    index += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                    case UInt8(ascii: "b"): unescaped.append(0x08)
                    case UInt8(ascii: "f"): unescaped.append(0x0C)
                    case UInt8(ascii: "n"): unescaped.append(0x0A)
                    case UInt8(ascii: "r"): unescaped.append(0x0D)
                    case UInt8(ascii: "t"): unescaped.append(0x09)
                    case UInt8(ascii: "u"):
                        guard var code = hex4() else { return nil }
                        if (0xD800...0xDBFF).contains(code) {
                            guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")), let low = hex4(), (0xDC00...0xDFFF).contains(low) else {
                                return nil
                            }
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        } else if (0xDC00...0xDFFF).contains(code) {
                            return nil
                        }
                        guard let scalar = Unicode.Scalar(code) else { return nil }
                        unescaped.append(contentsOf: UTF8.encode(scalar)!)
                    default:
                        return nil
                    }
                default:
                    return nil  // a control character
                }
            }
            return nil
        }

        private mutating func hex4() -> UInt32? {
            guard index + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for _ in 0..<4 {
                guard let digit = HexDigit.value(bytes[index]) else { return nil }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
