import TicketQLanes
import TicketQRedis
import TicketQStore

/// Everything a worker process needs to run.
public struct WorkerConfiguration: Sendable {
    /// The worker's id in the registry; a restarted worker with the same id requeues its orphans.
    public var workerID: String
    /// The Redis server.
    public var redisURL: RedisURL
    /// The deployment's keys.
    public var keys: LaneKeys
    /// Lease, starvation-floor and dedupe settings.
    public var lanes: LaneConfiguration
    /// The outcome store's path.
    public var databasePath: String
    /// SQLite settings (durability, busy handling).
    public var database: SQLiteConfiguration
    /// Tickets claimed and not yet settled, at most.
    public var concurrency: Int
    /// Tickets per claim, at most.
    public var claimBatch: Int
    /// Slots reserved, on top of ``concurrency``, for same-business-day tickets, which an urgent
    /// claimer takes as soon as they are queued and which are committed and acknowledged apart
    /// from the backlog's groups; 0 turns the urgent fast path off.
    public var urgentSlots: Int = WorkerConfiguration.defaultUrgentSlots
    /// The default of ``urgentSlots``.
    public static let defaultUrgentSlots = 32
    /// How often leases of tickets in hand are renewed.
    public var leaseRenewInterval: Duration
    /// How often the liveness key and registry entry are refreshed, and the reaper and promoter run.
    public var maintenanceInterval: Duration
    /// How long the liveness key lives without a heartbeat.
    public var livenessTTL: Duration
    /// How long a graceful shutdown waits for tickets in hand before releasing them.
    public var gracePeriod: Duration
    /// How long the first outcome of a group commit may wait for others.
    public var groupCommitDelay: Duration
    /// Outcomes per group commit, at most.
    public var groupCommitLimit: Int
    /// Retries and dead-lettering of failing tickets.
    public var retry: RetryPolicy
    /// How long an idle worker blocks on the wake-up key before looking again.
    public var idleWait: Duration
    /// How often a worker that found the deployment marker missing looks again.
    public var deploymentRecheckInterval: Duration = .seconds(1)
    /// How long the outcome store may fail every commit before `/healthz` answers 503
    /// (`/readyz` answers 503 from the first failure).
    public var unhealthyAfter: Duration = .seconds(60)
    /// The longest pause between write probes of a failing outcome store.
    public var storeProbeCap: Duration = .seconds(5)
    /// How long a shutdown waits, after the grace period, for outcomes to be committed and
    /// acknowledged before it hands back every ticket still in hand and exits anyway.
    public var shutdownSettleAllowance: Duration = .seconds(3)

    /// Creates a configuration with the documented defaults.
    public init(
        workerID: String,
        redisURL: RedisURL,
        keys: LaneKeys,
        databasePath: String,
        lanes: LaneConfiguration = LaneConfiguration(),
        database: SQLiteConfiguration = SQLiteConfiguration(),
        concurrency: Int = 2048,
        claimBatch: Int = 512,
        leaseRenewInterval: Duration = .seconds(2),
        maintenanceInterval: Duration = .seconds(1),
        livenessTTL: Duration = .seconds(5),
        gracePeriod: Duration = .seconds(20),
        groupCommitDelay: Duration = .milliseconds(2),
        groupCommitLimit: Int = 4096,
        retry: RetryPolicy = RetryPolicy(),
        idleWait: Duration = .seconds(1)
    ) {
        self.workerID = workerID
        self.redisURL = redisURL
        self.keys = keys
        self.databasePath = databasePath
        self.lanes = lanes
        self.database = database
        self.concurrency = max(1, concurrency)
        self.claimBatch = min(max(1, claimBatch), 1000)
        self.leaseRenewInterval = leaseRenewInterval
        self.maintenanceInterval = maintenanceInterval
        self.livenessTTL = livenessTTL
        self.gracePeriod = gracePeriod
        self.groupCommitDelay = groupCommitDelay
        self.groupCommitLimit = max(1, groupCommitLimit)
        self.retry = retry
        self.idleWait = idleWait
    }
}
