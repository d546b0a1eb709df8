/// The peer (Sidekiq) measured in the same run on the same Redis, next to ticketq.
public struct PeerComparison: Codable, Sendable {
    /// The peer's name and version.
    public var peer: String
    public var version: String
    /// How the peer ran (processes × threads).
    public var setup: String
    /// The peer's drain throughput, jobs per second (start-up included).
    public var drain_throughput_per_s: Double?
    /// ticketq's drain throughput ÷ the peer's.
    public var drain_ratio: Double?
    /// The peer's steady-state latency percentiles, in milliseconds, and its offered rate.
    public var steady_offered_per_s: Double?
    public var steady_p50_ms: Double?
    public var steady_p99_ms: Double?
    public var steady_max_ms: Double?
    public var steady_lost: Int?
    /// The peer's raw result files.
    public var raw: [String: String]
}
