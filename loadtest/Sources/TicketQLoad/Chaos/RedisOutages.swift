/// When Redis itself was out during a chaos run: killed until it served again from its
/// append-only file, or stopped until it was continued.
///
/// A ticket whose life, from its intended arrival to its durable outcome, overlaps an outage was
/// touched by that fault even when it was delivered once: while Redis is out it can be neither
/// submitted, nor claimed, nor settled. Tickets that arrive after Redis is back count as
/// untouched, even while the cluster catches up on the outage's backlog.
public struct RedisOutages: Sendable {
    /// The outages, as wall-clock ranges in µs since the epoch, in order of start.
    public let windows: [Range<Int64>]

    /// The outages among `faults` (Redis kills and stalls; worker faults touch only the tickets
    /// they make redeliver).
    public init(_ faults: [FaultEvent]) {
        windows = faults
            .filter { $0.kind == .killRedis || $0.kind == .stallRedis }
            .map { $0.startMicros..<($0.startMicros + max(1, Int64(($0.durationSeconds * 1e6).rounded()))) }
            .sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Whether the span from `start` to `end` (µs since the epoch) overlaps an outage.
    public func overlap(from start: Int64, to end: Int64) -> Bool {
        for window in windows {
            if window.lowerBound > end { return false }
            if window.upperBound > start { return true }
        }
        return false
    }
}
