/// One fault injected during a run.
public struct FaultEvent: Sendable, Hashable {
    /// What was done.
    public var kind: FaultKind
    /// When it started, µs since the epoch.
    public var startMicros: Int64
    /// How long it lasted until healed, in seconds (0 for a kill with an immediate restart or a
    /// dropped reply).
    public var durationSeconds: Double
    /// What it hit: `worker-N` or `redis`.
    public var target: String

    /// Creates an event.
    public init(kind: FaultKind, startMicros: Int64, durationSeconds: Double, target: String) {
        self.kind = kind
        self.startMicros = startMicros
        self.durationSeconds = durationSeconds
        self.target = target
    }
}
