import TicketQCore

/// Queue depth per lane, sampled once a second.
public struct BacklogSeries: Sendable {
    /// Per second: depth (queued and retrying) per lane.
    public var samples: [[Lane: Int]] = []
    /// Per second: tickets in flight.
    public var inFlight: [Int] = []

    /// Creates an empty series.
    public init() {}

    mutating func record(second: Int, depths: [Lane: Int], inFlight count: Int) {
        guard second >= 0 else { return }
        while samples.count <= second {
            samples.append(samples.last ?? [:])
            inFlight.append(inFlight.last ?? 0)
        }
        samples[second] = depths
        inFlight[second] = count
    }

    /// The largest total backlog seen.
    public var peakBacklog: Int { samples.map { $0.values.reduce(0, +) }.max() ?? 0 }
}
