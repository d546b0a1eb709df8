/// One measured phase of a run.
public struct PhaseSpec: Sendable {
    /// The phase's name (e.g. `capacity`, `steady`).
    public var name: String
    /// Tickets enqueued before the phase starts, as fast as Redis takes them. With a local
    /// cluster whose workers do not run yet, the workers start after them; either way their
    /// response times count from the moment the workers start (or the preload ends).
    public var preload = ScheduledTickets()
    /// Tickets sent open loop at their intended times.
    public var scheduled = ScheduledTickets()
    /// Start the local cluster's workers if they do not run (the self-test runs without).
    public var startWorkers = true
    /// Where scheduled tickets go.
    public var sink = SendSink.lanes
    /// Wait for every accepted ticket's outcome (the self-test expects none).
    public var expectOutcomes = true
    /// Stop sending scheduled tickets once the lanes are empty (a backlog has drained).
    public var stopWhenDrained = false
    /// Kill a random worker this often, in seconds (local clusters only).
    public var killEverySeconds: Double?
    /// Faults to inject while the phase runs (local clusters only).
    public var chaos: ChaosPlan?
    /// Keep the phase going, once every outcome is in, until every kind of ``chaos`` has fired.
    public var untilEveryFaultFired = false
    /// Give up waiting for outcomes after this many seconds without a new one.
    public var stallTimeout: Double = 30
    /// The seed for the killer's choices.
    public var seed: UInt64 = 1
    /// No live progress lines.
    public var quiet = false

    /// Creates a phase.
    public init(name: String) { self.name = name }
}
