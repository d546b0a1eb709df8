/// Formats instants given as milliseconds since the Unix epoch as RFC 3339 UTC text.
///
/// The form is `YYYY-MM-DDTHH:MM:SSZ`, with a `.mmm` fraction only when the milliseconds are not
/// zero: `2026-03-02T09:15:00Z`, `2026-03-02T09:15:00.250Z`. Years outside 0000–9999 (not
/// representable in RFC 3339) are printed with as many digits as they need.
public enum UTCTimestamp {
    private static let millisecondsPerDay: Int64 = 86_400_000

    /// The RFC 3339 UTC text for `milliseconds` since the epoch.
    public static func format(milliseconds: Int64) -> String {
        let days = floorDivide(milliseconds, millisecondsPerDay)
        let remainder = milliseconds % millisecondsPerDay
        let millisecondOfDay = remainder < 0 ? remainder + millisecondsPerDay : remainder
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let secondOfDay = millisecondOfDay / 1000
        let fraction = millisecondOfDay % 1000
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text += "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction != 0 {
            text += "." + pad(fraction, 3)
        }
        return text + "Z"
    }

    /// Year, month (1–12) and day (1–31) of the proleptic Gregorian calendar for a day count
    /// since 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civilDate(daysSinceEpoch: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = daysSinceEpoch + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padded = digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
        return value < 0 ? "-" + padded : padded
    }
}
