/// A wall-clock time of day with minute granularity, from `00:00` to `24:00` inclusive.
///
/// `24:00` exists only as the end of an interval and means the next day's `00:00` (spec §2 rule 2).
public struct WallTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Minutes since local midnight, 0 … 1440.
    public let minutes: Int

    /// The end of the day, `24:00`.
    public static let endOfDay = WallTime(uncheckedMinutes: 1440)

    /// Creates a time from minutes since midnight; returns nil outside 0 … 1440.
    public init?(minutes: Int) {
        guard (0...1440).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    init(uncheckedMinutes: Int) {
        minutes = uncheckedMinutes
    }

    /// Parses exactly `HH:MM` (two digits each; `24:00` is the only hour-24 value); nil otherwise.
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
              let hour = ASCIIDigits.value(bytes, 0, 2),
              let minute = ASCIIDigits.value(bytes, 3, 2),
              minute < 60, hour < 24 || (hour == 24 && minute == 0)
        else { return nil }
        minutes = hour * 60 + minute
    }

    /// Seconds since local midnight.
    public var seconds: Int64 { Int64(minutes) * 60 }

    /// `HH:MM`.
    public var description: String {
        ASCIIDigits.padded(minutes / 60, 2) + ":" + ASCIIDigits.padded(minutes % 60, 2)
    }

    public static func < (lhs: WallTime, rhs: WallTime) -> Bool {
        lhs.minutes < rhs.minutes
    }
}
