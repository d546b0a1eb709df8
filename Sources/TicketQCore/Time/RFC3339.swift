/// Parsing and formatting of RFC 3339 timestamps, to the second.
public enum RFC3339 {
    /// Why a timestamp could not be read.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A sentence naming what is wrong with the text.
        public let reason: String
        public var description: String { reason }
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`.
    ///
    /// `T`/`Z` may be lower case and `T` may be a space (RFC 3339 §5.6 note). A fractional part
    /// is accepted and truncated, since SLA arithmetic is exact to the second. A leap second
    /// (`:60`) is read as the last second of that minute.
    public static func parse(_ text: String) throws(ParseError) -> Instant {
        let bytes = Array(text.utf8)
        func fail(_ why: String) -> ParseError {
            ParseError(reason: "invalid RFC 3339 timestamp \(quoted(text)): \(why)")
        }
        guard bytes.count >= 20 else { throw fail("expected YYYY-MM-DDTHH:MM:SSZ or an offset such as +02:00") }
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = ASCIIDigits.value(bytes, 0, 4),
              let month = ASCIIDigits.value(bytes, 5, 2),
              let day = ASCIIDigits.value(bytes, 8, 2)
        else { throw fail("the date must be YYYY-MM-DD") }
        guard let date = LocalDate(year: year, month: month, day: day) else { throw fail("no such date") }
        let separator = bytes[10]
        guard separator == UInt8(ascii: "T") || separator == UInt8(ascii: "t") || separator == UInt8(ascii: " ") else {
            throw fail("expected 'T' between date and time")
        }
        guard bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let hour = ASCIIDigits.value(bytes, 11, 2),
              let minute = ASCIIDigits.value(bytes, 14, 2),
              let second = ASCIIDigits.value(bytes, 17, 2)
        else { throw fail("the time must be HH:MM:SS") }
        guard hour < 24, minute < 60, second <= 60 else { throw fail("time of day out of range") }
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
            guard index > fractionStart else { throw fail("empty fractional seconds") }
        }
        guard index < bytes.count else { throw fail("missing time zone: end with Z or an offset such as +02:00") }
        var offsetSeconds: Int64 = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            index += 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            guard index + 6 == bytes.count, bytes[index + 3] == UInt8(ascii: ":"),
                  let offsetHours = ASCIIDigits.value(bytes, index + 1, 2),
                  let offsetMinutes = ASCIIDigits.value(bytes, index + 4, 2),
                  offsetHours < 24, offsetMinutes < 60
            else { throw fail("the offset must be ±HH:MM") }
            let magnitude = Int64(offsetHours * 3600 + offsetMinutes * 60)
            offsetSeconds = bytes[index] == UInt8(ascii: "-") ? -magnitude : magnitude
            index += 6
        default:
            throw fail("missing time zone: end with Z or an offset such as +02:00")
        }
        guard index == bytes.count else { throw fail("unexpected text after the time zone") }
        let local = date.dayNumber * 86_400 + Int64(hour * 3600 + minute * 60 + min(second, 59))
        return Instant(secondsSinceEpoch: local - offsetSeconds)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public static func formatUTC(_ instant: Instant) -> String {
        format(instant, offsetSeconds: 0, utcDesignator: true)
    }

    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` for the given UTC offset (`+00:00` for a zero offset).
    public static func format(_ instant: Instant, offsetSeconds: Int64) -> String {
        format(instant, offsetSeconds: offsetSeconds, utcDesignator: false)
    }

    private static func format(_ instant: Instant, offsetSeconds: Int64, utcDesignator: Bool) -> String {
        let local = instant.secondsSinceEpoch + offsetSeconds
        let days = floorDivide(local, 86_400)
        let secondOfDay = Int(local - days * 86_400)
        var text = LocalDate(dayNumber: days).description
        text += "T" + ASCIIDigits.padded(secondOfDay / 3600, 2) + ":" + ASCIIDigits.padded(secondOfDay / 60 % 60, 2)
        text += ":" + ASCIIDigits.padded(secondOfDay % 60, 2)
        if utcDesignator { return text + "Z" }
        let magnitude = Int(offsetSeconds.magnitude)
        text += offsetSeconds < 0 ? "-" : "+"
        return text + ASCIIDigits.padded(magnitude / 3600, 2) + ":" + ASCIIDigits.padded(magnitude / 60 % 60, 2)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    static func quoted(_ text: String) -> String {
        "\"" + String(text.prefix(80)) + (text.count > 80 ? "…" : "") + "\""
    }
}
