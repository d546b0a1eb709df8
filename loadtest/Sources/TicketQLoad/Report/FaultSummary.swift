/// One injected fault in `summary.json` (`faults`).
public struct FaultSummary: Codable, Sendable, Hashable {
    /// The fault's kind, named after its flag: `kill-worker`, `stop-worker`, `partition-worker`,
    /// `drop-replies`, `kill-redis`, `stall-redis`.
    public var kind: String
    /// What it hit: `worker-N` or `redis`.
    public var target: String
    /// When it started, in seconds from the start of the run's series.
    public var at_s: Double
    /// How long it lasted until healed (0 for a kill restarted at once or a dropped reply;
    /// for `kill-redis`, until redis-server accepted connections again).
    public var duration_s: Double
    /// From the fault's start until completions per second were back to 90 % of the five
    /// seconds before it; null when the run ended first.
    public var recovery_s: Double?
}
