import Histogram

/// What the open-loop sender measured.
public struct SendMeasurements: Sendable {
    /// Schedule lag (actual send − intended arrival) per ticket, in microseconds.
    public var lag = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    /// Tickets sent in each second of the run (by send time).
    public var offeredPerSecond: [Int] = []
    /// Tickets sent more than a millisecond after their intended time.
    public var lateSends = 0
    /// Tickets sent.
    public var sent = 0
    /// Tickets Redis accepted.
    public var accepted = 0
    /// Tickets Redis reported as duplicates of live or recent ones.
    public var duplicates = 0
    /// Tickets in batches Redis refused (an error reply or a lost connection).
    public var refused = 0
    /// The first refusal's error.
    public var firstRefusal: String?
    /// Monotonic time of the first and last send, in nanoseconds.
    public var firstSendNanos: Int64?
    public var lastSendNanos: Int64?

    /// Whether the sending thread ran at real-time priority.
    public var realTimePriority = false

    /// Creates empty measurements.
    public init() {}

    /// The p99 schedule lag in milliseconds.
    public var lagP99Millis: Double { sent == 0 ? 0 : Double(lag.valueAtPercentile(99)) / 1000 }
}
