/// The rules for ticket ids: 1 to 128 characters from `A–Z a–z 0–9 . _ : @ -`.
///
/// Ids are used as Redis keys, SQLite keys and in log lines, so they are restricted to characters
/// that need no quoting in any of them.
public enum TicketID {
    /// The longest id accepted, in characters.
    public static let maximumLength = 128

    /// Whether `id` follows the rules.
    public static func isValid(_ id: String) -> Bool {
        var id = id
        return id.withUTF8 { firstInvalidByte(in: $0) == nil && (1...maximumLength).contains($0.count) }
    }

    /// Checks `id`.
    ///
    /// - Throws: ``TicketValidationError`` on field `id` saying which rule is broken.
    public static func validate(_ id: String) throws(TicketValidationError) {
        var id = id
        let problem: String? = id.withUTF8 { utf8 in
            if utf8.isEmpty { return "must not be empty" }
            if let offset = firstInvalidByte(in: utf8) {
                // Every allowed character is ASCII, so the byte offset is also the character position.
                let character = String(decoding: UnsafeBufferPointer(rebasing: utf8[offset...]), as: UTF8.self).first!
                return "character \(describe(character)) at position \(offset + 1) is not allowed; use A-Z, a-z, 0-9 and . _ : @ -"
            }
            if utf8.count > maximumLength {
                return "is \(utf8.count) characters long; at most \(maximumLength) are allowed"
            }
            return nil
        }
        if let problem { throw TicketValidationError(field: "id", reason: problem) }
    }

    private static func firstInvalidByte(in utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        for (offset, byte) in utf8.enumerated() where !isAllowed(byte) {
            return offset
        }
        return nil
    }

    @inline(__always)
    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: ":"), UInt8(ascii: "@"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    private static func describe(_ character: Character) -> String {
        let scalars = character.unicodeScalars
        if scalars.count == 1, let scalar = scalars.first, scalar.value >= 0x21, scalar.value < 0x7F {
            return "'\(character)'"
        }
        return "'" + scalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ") + "'"
    }
}
