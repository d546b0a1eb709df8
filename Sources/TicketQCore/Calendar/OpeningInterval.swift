/// One interval of opening hours on a weekday, `[start, end)` in local wall-clock time.
public struct OpeningInterval: Sendable, Hashable {
    /// Opening time (inclusive).
    public let start: WallTime
    /// Closing time (exclusive); may be `24:00`.
    public let end: WallTime

    /// Creates an interval; validity (`start < end`, no `24:00` start) is checked by ``BusinessCalendar``.
    public init(start: WallTime, end: WallTime) {
        self.start = start
        self.end = end
    }
}
