/// Makes untrusted text (ticket ids, payloads, error messages) safe to print on a terminal:
/// control characters and bytes that are not UTF-8 are shown as escapes, never sent raw.
enum TerminalText {
    /// `text` on one line, with every control character escaped (`\n`, `\t`, `\x1b`, …).
    static func sanitized(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            append(scalar, to: &result, keepLayout: false)
        }
        return result
    }

    /// ``sanitized(_:)``, shortened to at most `limit` characters with a trailing `…`.
    static func truncated(_ text: String, to limit: Int) -> String {
        let clean = sanitized(text)
        guard clean.count > limit else { return clean }
        return String(clean.prefix(max(limit - 1, 0))) + "…"
    }

    /// Payload bytes as readable text: valid UTF-8 is kept (line feeds and tabs too), other
    /// control characters are escaped, and every byte that is not part of valid UTF-8 is shown
    /// as `\xNN`.
    static func payload(_ bytes: [UInt8]) -> String {
        var result = ""
        var index = 0
        while index < bytes.count {
            let length = sequenceLength(lead: bytes[index])
            if length > 0, index + length <= bytes.count,
               let decoded = String(validating: bytes[index..<(index + length)], as: UTF8.self) {
                for scalar in decoded.unicodeScalars { append(scalar, to: &result, keepLayout: true) }
                index += length
            } else {
                result += "\\x" + hex(bytes[index])
                index += 1
            }
        }
        return result
    }

    /// Whether `bytes` would be printed unchanged by ``payload(_:)``.
    static func isPlainText(_ bytes: [UInt8]) -> Bool {
        payload(bytes).utf8.elementsEqual(bytes)
    }

    private static func append(_ scalar: Unicode.Scalar, to result: inout String, keepLayout: Bool) {
        switch scalar {
        case "\n" where keepLayout, "\t" where keepLayout: result.unicodeScalars.append(scalar)
        case "\n": result += "\\n"
        case "\r": result += "\\r"
        case "\t": result += "\\t"
        case "\\" where !keepLayout: result += "\\\\"
        case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
            result += scalar.value <= 0xFF ? "\\x" + hex(UInt8(scalar.value)) : "\\u{\(String(scalar.value, radix: 16))}"
        default: result.unicodeScalars.append(scalar)
        }
    }

    /// The length of the UTF-8 sequence a lead byte starts, or 0 for a byte that cannot lead one.
    private static func sequenceLength(lead: UInt8) -> Int {
        switch lead {
        case 0x00...0x7F: return 1
        case 0xC2...0xDF: return 2
        case 0xE0...0xEF: return 3
        case 0xF0...0xF4: return 4
        default: return 0
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
}
