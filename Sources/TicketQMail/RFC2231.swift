/// RFC 2231 parameter values: `name*=charset'language'percent-encoded`, and values split into
/// sections `name*0=`, `name*1*=`, … (a `*` after the section number marks it percent-encoded;
/// the charset and language come first in section 0).
enum RFC2231 {
    /// One section of a parameter as written.
    struct Section {
        let value: String
        let encoded: Bool
    }

    /// The decoded value of `sections` (keyed by section number) and whether anything was wrong:
    /// a gap in the numbering, a bad `%` escape or an unknown charset.
    static func decode(_ sections: [Int: Section]) -> (value: String, malformed: Bool) {
        var malformed = false
        var bytes: [UInt8] = []
        var charset: String?
        var expected = 0
        for number in sections.keys.sorted() {
            guard let section = sections[number] else { continue }
            if number != expected { malformed = true }
            expected = number &+ 1
            var value = Substring(section.value)
            if number == 0, section.encoded {
                let parts = value.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3 {
                    charset = String(parts[0])
                    value = parts[2]
                } else {
                    malformed = true
                }
            }
            if section.encoded {
                let (decoded, bad) = percentDecoded(value)
                bytes += decoded
                malformed = malformed || bad
            } else {
                bytes += Array(value.utf8)
            }
        }
        let (text, fallback) = Charset.decode(bytes, charset: charset.flatMap { $0.isEmpty ? nil : $0 })
        return (text, malformed || fallback)
    }

    /// `%XX` escapes as bytes; a `%` not followed by two hex digits is kept as written.
    static func percentDecoded(_ text: Substring) -> (bytes: [UInt8], malformed: Bool) {
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        var malformed = false
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "%") {
                if index + 2 < utf8.count, let high = hex(utf8[index + 1]), let low = hex(utf8[index + 2]) {
                    bytes.append(high << 4 | low)
                    index += 3
                    continue
                }
                malformed = true
            }
            bytes.append(utf8[index])
            index += 1
        }
        return (bytes, malformed)
    }

    private static func hex(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
