import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TicketQCore
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQStore

/// A stateless worker: claims tickets from the lanes, handles them, commits each outcome durably
/// to SQLite, then acknowledges it in Redis.
///
/// Run it in a `ServiceGroup`: a graceful shutdown stops claiming, lets tickets in hand finish
/// within ``WorkerConfiguration/gracePeriod``, hands the rest back to their lanes without
/// counting the delivery, flushes outcomes and returns. ``abort()`` (a second signal) hands
/// everything back at once.
public final class WorkerRuntime: Service, Sendable {
    public let configuration: WorkerConfiguration
    let handler: any TicketHandler
    let logger: Logger
    let redis: RedisExecutor
    let waiter: RedisExecutor
    /// The urgent fast path's connections: one blocks for urgent wake-ups while the other claims
    /// and acknowledges, so that neither waits behind the backlog's big calls.
    let urgentRedis: RedisExecutor
    let writer: OutcomeWriter
    let tracker: InFlightTracker
    let completions = CompletionQueue()
    /// Outcomes of urgent tickets, committed and acknowledged apart from the backlog's groups.
    let urgentCompletions = CompletionQueue()
    /// Outcomes committed to SQLite and waiting for their acknowledgement in Redis.
    let committed = CompletionQueue()
    let counters = WorkerCounters()
    /// The Prometheus metrics this process exports.
    public let metrics: WorkerMetrics
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
    /// Set while the general claimer holds (or is about to claim) a suspect ticket alone: the
    /// urgent claimer pauses, so that nothing else is in hand if the suspect kills the process.
    let isolatingSuspect = Atomic<Bool>(false)
    /// Ack journal entries this worker's store confirmed since its last settlement of each journal;
    /// the next settlement tells Redis to forget them.
    let confirmedSinceLastSettlement = Mutex<[AckJournal: [String]]>([:])
    /// When the graceful shutdown was asked for (the grace period counts from there).
    let stopRequestedAt = Mutex<ContinuousClock.Instant?>(nil)
    /// Whether the outcome store's commits succeed (readiness, liveness, claiming).
    let storeHealth: StoreHealth
    let handlerTasks = Mutex<[Int64: Task<Void, Never>]>([:])
    let confirmations = Mutex<[Task<Void, Never>]>([])

    private init(
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

    /// Opens the outcome store, registers the worker, settles what a previous process with the
    /// same id left unconfirmed, and requeues its orphans.
    ///
    /// - Throws: ``WorkerError`` when the store cannot be opened, Redis is unreachable, or
    ///   another live worker already uses the id.
    /// - Parameters:
    ///   - registryExtras: extra fields of the registry entry (e.g. `metrics_addr`).
    ///   - metrics: where the worker counts what it does (by default a private registry).
    public static func start(
        configuration: WorkerConfiguration, handler: any TicketHandler, logger: Logger,
        registryExtras: [String: String] = [:], metrics: WorkerMetrics? = nil
    ) async throws -> WorkerRuntime {
        let writer: OutcomeWriter
        do {
            writer = try await OutcomeWriter.open(path: configuration.databasePath, configuration: configuration.database)
        } catch {
            throw WorkerError.storeUnavailable(path: configuration.databasePath, reason: String(describing: error))
        }
        let options = RedisConnectionOptions(clientName: "ticketq-\(configuration.workerID)")
        let redis = RedisExecutor(url: configuration.redisURL, options: options, threadCount: 2, name: "redis-\(configuration.workerID)")
        var waitOptions = options
        waitOptions.commandTimeout = configuration.idleWait + .seconds(5)
        let waiter = RedisExecutor(url: configuration.redisURL, options: waitOptions, threadCount: 1, name: "wait-\(configuration.workerID)")
        let urgentRedis = RedisExecutor(
            url: configuration.redisURL, options: waitOptions, threadCount: configuration.urgentSlots > 0 ? 2 : 1,
            name: "urgent-\(configuration.workerID)"
        )
        let instance = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
        let runtime = WorkerRuntime(
            configuration: configuration, handler: handler, logger: logger, redis: redis, waiter: waiter,
            urgentRedis: urgentRedis, writer: writer, instance: instance, registryExtras: registryExtras,
            metrics: metrics ?? WorkerMetrics(brands: [], version: "", concurrency: configuration.concurrency)
        )
        do {
            guard try await runtime.lanes({ store in try store.isDeployed() }) else {
                let stored = (try? await writer.withStore { store in try store.countByStatus().values.reduce(0, +) }) ?? 0
                throw WorkerError.deploymentMissing(storedOutcomes: stored)
            }
            do {
                try await runtime.lanes { store in try store.requireLibrary() }
            } catch let error as LanesError {
                switch error {
                case .libraryNotLoaded, .migrationNeeded: throw WorkerError.libraryNotLoaded(error)
                default: throw error
                }
            }
            let record = runtime.registryRecord()
            // A previous process with this id that died keeps its liveness key until it expires;
            // one that is alive keeps refreshing it. Wait one TTL (and a little) to tell them apart.
            let deadline = ContinuousClock.now + configuration.livenessTTL + .seconds(1)
            var registered = false
            while true {
                registered = try await runtime.lanes { store in
                    try store.register(worker: configuration.workerID, instance: instance, recordJSON: record, ttl: configuration.livenessTTL)
                }
                if registered || ContinuousClock.now >= deadline { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            guard registered else { throw WorkerError.idInUse(configuration.workerID) }
            try await runtime.settlePreviousLife()
        } catch {
            await runtime.closeResources()
            switch error {
            case let error as WorkerError:
                throw error
            case let error as SQLiteError:
                // Settling the previous run writes to the store (a full disk fails here).
                throw WorkerError.storeUnavailable(path: configuration.databasePath, reason: String(describing: error))
            case let error as RedisError where error.isAuthenticationFailure:
                throw WorkerError.redisCredentialsRefused(error)
            case LanesError.redis(let error) where error.isAuthenticationFailure:
                throw WorkerError.redisCredentialsRefused(error)
            default:
                throw WorkerError.redisUnavailable(String(describing: error))
            }
        }
        return runtime
    }

    /// Runs until a graceful shutdown, then drains.
    ///
    /// - Throws: ``WorkerError/stoppedUnsettled(_:)`` when it stopped while the outcome
    ///   store was failing, or when outcomes did not settle within the grace period and
    ///   ``WorkerConfiguration/shutdownSettleAllowance`` (the tickets were handed back).
    public func run() async throws {
        // The commit pipeline runs apart from the structured group: a store call stuck in the
        // kernel cannot be cancelled, and must not keep the shutdown waiting forever.
        let pipeline = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.completionLoop() }
                group.addTask { await self.acknowledgementLoop() }
                group.addTask(priority: .high) { await self.urgentSettlementLoop() }
            }
        }
        let settled = await withGracefulShutdownHandler {
            await withDiscardingTaskGroup(returning: Bool.self) { group in
                group.addTask { await self.periodic(every: self.configuration.leaseRenewInterval) { await self.renewLeases() } }
                group.addTask { await self.periodic(every: self.configuration.maintenanceInterval) { await self.maintain() } }
                group.addTask { await self.storeProbeLoop() }
                // Higher priority, so that the urgent path's continuations run before the
                // backlog's batch work waiting on the same cooperative threads.
                let urgentClaims = Task(priority: .high) { await self.claimLoop(.urgent) }
                await self.claimLoop(.general)
                await urgentClaims.value
                await self.drainHandlers()
                self.completions.close()
                self.urgentCompletions.close()
                let settled = await self.settle(pipeline)
                if !settled { await self.handBackEverythingInHand() }
                group.cancelAll()
                return settled
            }
        } onGracefulShutdown: {
            self.requestStop()
        }
        do {
            try await lanes { [configuration, instance] store in
                try store.resignCollector(instance: instance)
                try store.deregister(worker: configuration.workerID, instance: instance)
            }
        } catch {
            logger.warning("could not leave the worker registry", metadata: ["error": "\(error)"])
        }
        let totals = counters.snapshot
        logger.info("worker stopped", metadata: [
            "done": "\(totals.done)", "dead": "\(totals.dead)", "released": "\(totals.released)", "retried": "\(totals.retried)",
        ])
        await closeResources(storeSettled: settled)
        if let failure = stopFailure(settled: settled) { throw failure }
    }

    /// Stops claiming; tickets in hand may finish within the grace period.
    public func requestStop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        stopRequestedAt.withLock { $0 = ContinuousClock.now }
        logger.info("graceful shutdown: no more claims", metadata: ["in_hand": "\(tracker.count)"])
        tracker.wakeClaimer()
    }

    /// Hands every ticket in hand back at once (a second signal).
    public func abort() {
        requestStop()
        guard !aborting.exchange(true, ordering: .acquiringAndReleasing) else { return }
        logger.warning("immediate shutdown: releasing tickets in hand", metadata: ["in_hand": "\(tracker.count)"])
        handlerTasks.withLock { $0.values.forEach { $0.cancel() } }
    }

    /// Whether the worker is still claiming.
    public var isStopping: Bool { stopping.load(ordering: .acquiring) }

    // MARK: Plumbing

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

    /// Closes the connections. Waits for the store's writer thread at most the settle allowance,
    /// and not at all when `storeSettled` is false (a commit may be stuck in it).
    func closeResources(storeSettled: Bool = true) async {
        await redis.shutdown()
        await waiter.shutdown()
        await urgentRedis.shutdown()
        let writer = self.writer
        let deadline = ContinuousClock.now + (storeSettled ? configuration.shutdownSettleAllowance : .zero)
        if await bounded(until: deadline, { await writer.close() }) == nil {
            logger.error("the outcome store did not close in time; exiting without waiting for it")
        }
    }
}
