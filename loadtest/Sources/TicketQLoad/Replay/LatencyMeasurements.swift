import Histogram
import TicketQCore

/// Response times from intended arrival to durable outcome, as the outcome tail observed them.
public struct LatencyMeasurements: Sendable {
    /// Per lane, in microseconds.
    public var byLane: [Lane: Histogram<UInt64>] = [:]
    /// Every lane together, in microseconds.
    public var overall = LatencyMeasurements.makeHistogram()
    /// Every lane together, only tickets delivered once (no redelivery after a fault), in microseconds.
    public var deliveredOnce = LatencyMeasurements.makeHistogram()
    /// Every lane together, only tickets untouched by any fault: delivered once, and not alive
    /// during a Redis outage (see ``RedisOutages``), in microseconds.
    public var untouched = LatencyMeasurements.makeHistogram()
    /// Outcomes observed in each second of the run.
    public var completedPerSecond: [Int] = []
    /// Response times of the outcomes observed in each second, for percentiles over time.
    public var perSecond: [Histogram<UInt64>] = []
    /// Outcomes observed.
    public var observed = 0
    /// Wall-clock time of the first and last observed outcome, in microseconds since the epoch.
    public var firstOutcomeMicros: Int64?
    public var lastOutcomeMicros: Int64?

    /// Creates empty measurements.
    public init() {}

    /// A histogram from 1 µs to an hour at three significant digits.
    public static func makeHistogram() -> Histogram<UInt64> {
        Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    }

    mutating func record(lane: Lane, micros: Int64, second: Int, at wallMicros: Int64, deliveredOnce once: Bool = true, untouched: Bool = true) {
        let value = UInt64(max(1, micros))
        _ = overall.record(value)
        if once { _ = deliveredOnce.record(value) }
        if once && untouched { _ = self.untouched.record(value) }
        _ = byLane[lane, default: Self.makeHistogram()].record(value)
        if second >= 0 {
            while completedPerSecond.count <= second {
                completedPerSecond.append(0)
                perSecond.append(Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .two))
            }
            completedPerSecond[second] += 1
            _ = perSecond[second].record(value)
        }
        observed += 1
        if firstOutcomeMicros == nil { firstOutcomeMicros = wallMicros }
        lastOutcomeMicros = max(lastOutcomeMicros ?? wallMicros, wallMicros)
    }
}
