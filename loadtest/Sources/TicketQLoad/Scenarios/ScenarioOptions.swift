/// What every scenario shares: the cluster, the output and the checks.
public struct ScenarioOptions: Sendable {
    /// An existing cluster's Redis URL; nil starts a local cluster.
    public var redis: String?
    /// The lanes' namespace on an existing cluster.
    public var namespace = "ticketq"
    /// An existing cluster's outcome stores.
    public var stores: [String] = []
    /// The local cluster's workers.
    public var workers = WorkerOptions(count: 2)
    /// The `ticketq` to run (nil: the one next to the harness).
    public var ticketq: String?
    /// Where summary.json, timeseries.jsonl and report.html go.
    public var outputDirectory = "loadtest-out"
    /// Thresholds to check.
    public var thresholds: [ThresholdExpression] = []
    /// Kill a random worker this often (seconds).
    public var killEverySeconds: Double?
    /// Faults to inject (the chaos scenario; local clusters only).
    public var chaos: ChaosPlan?
    /// The seed of tickets, arrivals and kills.
    public var seed: UInt64 = 2026
    /// No live progress.
    public var quiet = false
    /// Give up after this many seconds without a new outcome.
    public var stallTimeout: Double = 30
    /// Redis connections of the sender.
    public var connections = 8
    /// Brand mix of generated tickets.
    public var brandMix = TicketSampler.defaultBrandMix
    /// Policy directory (nil: the built-in policies or $TICKETQ_CONFIG_DIR).
    public var policies: String?
    /// Run the Sidekiq peer too (drain and steady).
    public var peer = false
    /// Where the peer scripts are (nil: found next to the harness or the current directory).
    public var peersDirectory: String?
    /// Keep the local cluster's directory (stores, worker logs).
    public var keepCluster = false
    /// The command line, for the report.
    public var commandLine = ""

    /// Creates default options.
    public init() {}
}
