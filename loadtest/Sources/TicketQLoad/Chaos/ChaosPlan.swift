/// Which faults a chaos run injects, and how often.
public struct ChaosPlan: Sendable, Hashable {
    /// Seconds between two faults of each kind asked for.
    public var intervals: [FaultKind: Double]
    /// The workers' lease in seconds: pauses and partitions last up to twice as long.
    public var leaseSeconds: Double

    /// The worker's default `--lease`, in seconds.
    public static let defaultLeaseSeconds = 10.0

    /// Creates a plan.
    public init(intervals: [FaultKind: Double], leaseSeconds: Double) {
        self.intervals = intervals
        self.leaseSeconds = leaseSeconds
    }

    /// The kinds asked for, in flag order.
    public var kinds: [FaultKind] { FaultKind.allCases.filter { intervals[$0] != nil } }

    /// Whether a worker proxy is needed.
    public var needsProxies: Bool { kinds.contains { $0.needsProxy } }

    /// Whether redis-server must keep an append-only file to come back from a kill.
    public var needsAppendOnly: Bool { intervals[.killRedis] != nil }
}
