import TicketQCore

/// Formats instants given as milliseconds since the Unix epoch as RFC 3339 UTC text.
///
/// The form is `YYYY-MM-DDTHH:MM:SSZ`, with a `.mmm` fraction only when the milliseconds are not
/// zero: `2026-03-02T09:15:00Z`, `2026-03-02T09:15:00.250Z`. Years outside 0000–9999 (not
/// representable in RFC 3339) are printed with as many digits as they need.
public enum UTCTimestamp {
    /// The RFC 3339 UTC text for `milliseconds` since the epoch.
    public static func format(milliseconds: Int64) -> String {
        // Floor division that cannot overflow, even at Int64.min.
        let remainder = milliseconds % 1000
        let seconds = milliseconds / 1000 - (remainder < 0 ? 1 : 0)
        let fraction = remainder < 0 ? remainder + 1000 : remainder
        var text = RFC3339.formatUTC(Instant(secondsSinceEpoch: seconds))
        guard fraction != 0 else { return text }
        text.removeLast()
        let digits = String(fraction)
        return text + "." + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }
}
