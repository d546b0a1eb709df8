import Foundation
import Logging
import Synchronization
import TicketQCore
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQStore

/// What a worker's services share: configuration, connections, the outcome writer, the tickets in
/// hand, the queues between the stages, counters and the worker's state flags. It runs no loop of
/// its own; each service (see `README.md`) does one job with it.
final class WorkerContext: Sendable {
    let configuration: WorkerConfiguration
    let handler: any TicketHandler
    let logger: Logger
    let redis: RedisExecutor
    let waiter: RedisExecutor
    /// The urgent fast path's connections: one blocks for urgent wake-ups while the other claims
    /// and acknowledges, so that neither waits behind the backlog's big calls.
    let urgentRedis: RedisExecutor
    let writer: OutcomeWriter
    let tracker: InFlightTracker
    /// Outcomes of backlog tickets, waiting for their group commit.
    let completions = CompletionQueue()
    /// Outcomes of urgent tickets, committed and acknowledged apart from the backlog's groups.
    let urgentCompletions = CompletionQueue()
    /// Outcomes committed to SQLite and waiting for their acknowledgement in Redis.
    let committed = CompletionQueue()
    let counters = WorkerCounters()
    let metrics: WorkerMetrics
    /// Whether this process currently holds the collector role.
    let isCollector = Atomic<Bool>(false)
    let processor: DeliveryProcessor
    /// Redis's clock, followed between claims (see ``WorkerClock``).
    let clock = WorkerClock()
    /// A token unique to this process, held in the worker's liveness key.
    let instance: String
    let startedAtMillis: Int64
    /// This host's name, looked up once (the registry entry is rewritten every heartbeat).
    let hostName = ProcessInfo.processInfo.hostName
    /// Extra fields for the registry entry (e.g. the metrics address).
    let registryExtras: [String: String]
    let stopping = Atomic<Bool>(false)
    /// Set while Redis answers without the deployment marker (see ``DeploymentRecord``).
    let deploymentLost = Atomic<Bool>(false)
    let aborting = Atomic<Bool>(false)
    /// Set when a shutdown gave up waiting for outcomes to settle (a stuck store, an unreachable
    /// Redis): the tickets still in hand were handed back.
    let unsettled = Atomic<Bool>(false)
    /// Set while the general claimer holds (or is about to claim) a suspect ticket alone: the
    /// urgent claimer pauses, so that nothing else is in hand if the suspect kills the process.
    let isolatingSuspect = Atomic<Bool>(false)
    /// Ack journal entries this worker's store confirmed since its last settlement of each journal;
    /// the next settlement tells Redis to forget them.
    let confirmedSinceLastSettlement = Mutex<[AckJournal: [String]]>([:])
    /// Whether the outcome store's commits succeed (readiness, liveness, claiming).
    let storeHealth: StoreHealth
    /// The running handler tasks by fencing token (handlers that suspend run one task each).
    let handlerTasks = HandlerTasks()
    /// Ack confirmations being written to the store.
    let confirmations = Mutex<[Task<Void, Never>]>([])
    /// The brands whose high-volume history the last maintenance could not read (said once).
    let unreadableHistories = Mutex<Set<String>>([])
        /// Starts the graceful shutdown of the worker's services (set by ``WorkerRuntime/run()``).
    let shutdownTrigger = Mutex<(@Sendable () -> Void)?>(nil)

    init(
        configuration: WorkerConfiguration, handler: any TicketHandler, logger: Logger, redis: RedisExecutor,
        waiter: RedisExecutor, urgentRedis: RedisExecutor, writer: OutcomeWriter, instance: String,
        registryExtras: [String: String], metrics: WorkerMetrics
    ) {
        self.metrics = metrics
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        self.redis = redis
        self.waiter = waiter
        self.urgentRedis = urgentRedis
        self.writer = writer
        self.instance = instance
        self.registryExtras = registryExtras
        tracker = InFlightTracker(capacity: configuration.concurrency, urgentCapacity: configuration.urgentSlots)
        metrics.setUrgentSlots(configuration.urgentSlots)
        storeHealth = StoreHealth(path: configuration.databasePath, unhealthyAfter: configuration.unhealthyAfter)
        processor = DeliveryProcessor(handler: handler, retry: configuration.retry, workerID: configuration.workerID, clock: clock)
        startedAtMillis = DeliveryProcessor.nowMillis
    }

    /// Whether the worker stopped claiming.
    var isStopping: Bool { stopping.load(ordering: .acquiring) }

    /// Stops claiming and starts the graceful shutdown of every service; tickets in hand may
    /// finish within the grace period.
    func requestStop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        logger.info("graceful shutdown: no more claims", metadata: ["in_hand": "\(tracker.count)"])
        tracker.wakeClaimer()
        shutdownTrigger.withLock { $0 }?()
    }

    /// Hands every ticket in hand back at once: their handlers are cancelled and release them.
    func abort() {
        requestStop()
        guard !aborting.exchange(true, ordering: .acquiringAndReleasing) else { return }
        logger.warning("immediate shutdown: releasing tickets in hand", metadata: ["in_hand": "\(tracker.count)"])
        handlerTasks.cancelAll()
    }

    /// Runs a lane operation on `executor` (the general connections when `nil`).
    func lanes<T: Sendable>(via executor: RedisExecutor? = nil, _ body: @escaping @Sendable (LaneStore) throws -> T) async throws -> T {
        let started = ContinuousClock.now
        do {
            let value = try await (executor ?? redis).run(retry: .reconnect(maxAttempts: 3)) { [configuration] connection in
                try body(LaneStore(connection: connection, keys: configuration.keys, configuration: configuration.lanes))
            }
            metrics.recordRedisRoundTrip(seconds: (ContinuousClock.now - started).seconds)
            return value
        } catch {
            if !(error is CancellationError) { metrics.recordRedisError(RedisErrorKind(classifying: error)) }
            throw error
        }
    }

    /// Runs a lane operation even when the calling task was cancelled (an aborted handler must
    /// still hand its ticket back).
    func uncancelled<T: Sendable>(_ body: @escaping @Sendable (LaneStore) throws -> T) async throws -> T {
        try await Task.detached { try await self.lanes(body) }.value
    }

    /// Publishes the tickets in hand (all, and those in the urgent slots).
    func publishInFlight() {
        metrics.setInFlight(tracker.count)
        metrics.setUrgentInFlight(tracker.urgentCount)
    }

    /// The worker's registry entry (JSON), as the heartbeat writes it.
    func registryRecord() -> String {
        let totals = counters.snapshot
        return WorkerRegistryRecord(
            id: configuration.workerID, host: hostName, pid: Int(getpid()),
            started: RFC3339.formatUTC(Instant(secondsSinceEpoch: startedAtMillis / 1000)),
            lastSeen: RFC3339.formatUTC(Instant(secondsSinceEpoch: DeliveryProcessor.nowMillis / 1000)),
            totals: WorkerRegistryRecord.Totals(
                done: totals.done, dead: totals.dead, retried: totals.retried, duplicates: totals.duplicates,
                superseded: totals.superseded, released: totals.released
            ),
            collector: isCollector.load(ordering: .relaxed), inFlight: tracker.count,
            // "ok", or the SQLite error of the outcome store's failing commits (shown by `ticketq status`).
            store: storeHealth.failure?.kind.sqliteName ?? "ok",
            concurrency: configuration.concurrency, urgentSlots: configuration.urgentSlots, handler: handler.name,
            extras: registryExtras
        ).json
    }

    /// Records whether Redis still holds the deployment marker, and says so when that changes.
    func noteDeployment(present: Bool) {
        let wasLost = deploymentLost.exchange(!present, ordering: .acquiringAndReleasing)
        metrics.setDeploymentMarkerMissing(!present)
        if !present && !wasLost {
            logger.critical("claims, acknowledgements and heartbeats stopped: \(DeploymentAdvice.missingMarker)")
        } else if present && wasLost {
            logger.notice("the deployment marker is back: resuming")
        }
    }
}
