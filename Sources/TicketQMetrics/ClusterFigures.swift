import TicketQCore

/// The cluster-wide figures the collector exports: read from Redis, not from this process.
public struct ClusterFigures: Sendable {
    /// One lane's figures.
    public struct LaneFigures: Sendable {
        /// Tickets waiting in the lane, including those waiting out a retry backoff.
        public var depth: Int
        /// Tickets waiting out a retry backoff.
        public var retrying: Int
        /// Seconds since the oldest waiting ticket was enqueued (0 when empty).
        public var oldestAgeSeconds: Double
        /// Seconds until the earliest response due time (negative when overdue; `nil` when empty).
        public var earliestDueHeadroomSeconds: Double?

        /// Creates a lane's figures.
        public init(depth: Int, retrying: Int, oldestAgeSeconds: Double, earliestDueHeadroomSeconds: Double?) {
            self.depth = depth
            self.retrying = retrying
            self.oldestAgeSeconds = oldestAgeSeconds
            self.earliestDueHeadroomSeconds = earliestDueHeadroomSeconds
        }
    }

    /// Every lane's figures.
    public var lanes: [Lane: LaneFigures]
    /// Tickets claimed and not yet settled, cluster-wide.
    public var inFlight: Int
    /// Tickets in the dead-letter set.
    public var deadLetters: Int
    /// Workers whose liveness key is present.
    public var workersLive: Int
    /// Dead letters and quarantined messages evicted by retention so far, by kind
    /// (`dead_letter`, `quarantine`) and reason (`age`, `bytes`).
    public var evictions: [String: [String: Int]]

    /// Creates the figures.
    public init(lanes: [Lane: LaneFigures], inFlight: Int, deadLetters: Int, workersLive: Int, evictions: [String: [String: Int]] = [:]) {
        self.lanes = lanes
        self.inFlight = inFlight
        self.deadLetters = deadLetters
        self.workersLive = workersLive
        self.evictions = evictions
    }
}
