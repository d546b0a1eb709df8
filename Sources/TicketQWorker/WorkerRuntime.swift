import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TicketQCore
import TicketQLanes
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
    let writer: OutcomeWriter
    let tracker: InFlightTracker
    let completions = CompletionQueue()
    /// Outcomes committed to SQLite and waiting for their acknowledgement in Redis.
    let committed = CompletionQueue()
    let counters = WorkerCounters()
    let processor: DeliveryProcessor
    /// A token unique to this process, held in the worker's liveness key.
    let instance: String
    let startedAtMillis: Int64
    /// Extra fields for the registry entry (e.g. the metrics address).
    let registryExtras: [String: String]
    private let stopping = Atomic<Bool>(false)
    private let aborting = Atomic<Bool>(false)
    private let handlerTasks = Mutex<[Int64: Task<Void, Never>]>([:])
    private let confirmations = Mutex<[Task<Void, Never>]>([])

    private init(
        configuration: WorkerConfiguration, handler: any TicketHandler, logger: Logger, redis: RedisExecutor,
        waiter: RedisExecutor, writer: OutcomeWriter, instance: String, registryExtras: [String: String]
    ) {
        self.configuration = configuration
        self.handler = handler
        self.logger = logger
        self.redis = redis
        self.waiter = waiter
        self.writer = writer
        self.instance = instance
        self.registryExtras = registryExtras
        tracker = InFlightTracker(capacity: configuration.concurrency)
        processor = DeliveryProcessor(handler: handler, retry: configuration.retry, workerID: configuration.workerID)
        startedAtMillis = DeliveryProcessor.nowMillis
    }

    /// Opens the outcome store, registers the worker, settles what a previous process with the
    /// same id left unconfirmed, and requeues its orphans.
    ///
    /// - Throws: ``WorkerError`` when the store cannot be opened, Redis is unreachable, or
    ///   another live worker already uses the id.
    public static func start(
        configuration: WorkerConfiguration, handler: any TicketHandler, logger: Logger,
        registryExtras: [String: String] = [:]
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
        let instance = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
        let runtime = WorkerRuntime(
            configuration: configuration, handler: handler, logger: logger, redis: redis, waiter: waiter,
            writer: writer, instance: instance, registryExtras: registryExtras
        )
        do {
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
            if let error = error as? WorkerError { throw error }
            throw WorkerError.redisUnavailable(String(describing: error))
        }
        return runtime
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                group.addTask { await self.completionLoop() }
                group.addTask { await self.acknowledgementLoop() }
                group.addTask { await self.periodic(every: self.configuration.leaseRenewInterval) { await self.renewLeases() } }
                group.addTask { await self.periodic(every: self.configuration.maintenanceInterval) { await self.maintain() } }
                await self.claimLoop()
                await self.drainHandlers()
                self.completions.close()
                await self.tracker.waitUntilEmpty()
                await self.awaitConfirmations()
                group.cancelAll()
            }
        } onGracefulShutdown: {
            self.requestStop()
        }
        do {
            try await lanes { [configuration, instance] store in try store.deregister(worker: configuration.workerID, instance: instance) }
        } catch {
            logger.warning("could not leave the worker registry", metadata: ["error": "\(error)"])
        }
        let totals = counters.snapshot
        logger.info("worker stopped", metadata: [
            "done": "\(totals.done)", "dead": "\(totals.dead)", "released": "\(totals.released)", "retried": "\(totals.retried)",
        ])
        await closeResources()
    }

    /// Stops claiming; tickets in hand may finish within the grace period.
    public func requestStop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
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

    // MARK: Claiming and handling

    private func claimLoop() async {
        var failures = 0
        while !isStopping {
            await tracker.waitForFreeSlots(max(1, min(configuration.claimBatch, configuration.concurrency / 4)))
            if isStopping { break }
            let wanted = min(configuration.claimBatch, tracker.freeSlots)
            guard wanted > 0 else { continue }
            let batch: ClaimBatch
            do {
                batch = try await lanes { [configuration] store in try store.claim(worker: configuration.workerID, batchSize: wanted) }
                failures = 0
            } catch {
                failures += 1
                logger.error("claim failed; retrying", metadata: ["error": "\(error)", "failures": "\(failures)"])
                try? await Task.sleep(for: Backoff(base: .milliseconds(50), cap: .seconds(2)).delay(forAttempt: failures))
                continue
            }
            if batch.tickets.isEmpty {
                await waitForWork()
                continue
            }
            tracker.add(batch.tickets.map(\.lease))
            if handler.runsInline {
                await handleInline(batch)
            } else {
                for claimed in batch.tickets { spawnHandler(claimed, claimedAt: batch.serverTimeMillis) }
            }
        }
    }

    private func waitForWork() async {
        do {
            _ = try await waiter.run(retry: .reconnect(maxAttempts: 3)) { [configuration] connection in
                try LaneStore(connection: connection, keys: configuration.keys, configuration: configuration.lanes)
                    .waitForWork(timeout: configuration.idleWait)
            }
        } catch {
            logger.warning("waiting for work failed", metadata: ["error": "\(error)"])
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    private func handleInline(_ batch: ClaimBatch) async {
        var outcomes: [PendingOutcome] = []
        outcomes.reserveCapacity(batch.tickets.count)
        var others: [DeliveryResult] = []
        for claimed in batch.tickets {
            switch processor.prepare(claimed, claimedAt: batch.serverTimeMillis) {
            case let .failure(dead):
                outcomes.append(dead)
            case let .success(ticket):
                let answer: Result<HandlerResult, any Error>
                do {
                    answer = .success(try await handler.handle(ticket, attempt: claimed.attempts))
                } catch {
                    answer = .failure(error)
                }
                switch processor.finish(ticket, claimed, claimedAt: batch.serverTimeMillis, answer) {
                case let .outcome(pending): outcomes.append(pending)
                case let other: others.append(other)
                }
            }
        }
        completions.push(outcomes)
        for result in others { await settleWithoutOutcome(result) }
    }

    private func spawnHandler(_ claimed: ClaimedTicket, claimedAt: Int64) {
        let key = claimed.lease.token
        let task = Task {
            let result: DeliveryResult
            switch processor.prepare(claimed, claimedAt: claimedAt) {
            case let .failure(dead):
                result = .outcome(dead)
            case let .success(ticket):
                let answer: Result<HandlerResult, any Error>
                if aborting.load(ordering: .acquiring) {
                    answer = .failure(CancellationError())
                } else {
                    do {
                        answer = .success(try await handler.handle(ticket, attempt: claimed.attempts))
                    } catch {
                        answer = .failure(error)
                    }
                }
                result = processor.finish(ticket, claimed, claimedAt: claimedAt, answer)
            }
            if case let .outcome(pending) = result {
                completions.push([pending])
            } else {
                await settleWithoutOutcome(result)
            }
            _ = handlerTasks.withLock { $0.removeValue(forKey: key) }
        }
        handlerTasks.withLock { tasks in
            tasks[key] = task
        }
        if aborting.load(ordering: .acquiring) { task.cancel() }
    }

    /// After claiming stops: waits for handlers up to the grace period, then cancels the rest
    /// (their tickets are released).
    private func drainHandlers() async {
        let deadline = ContinuousClock.now + configuration.gracePeriod
        while handlerTasks.withLock({ !$0.isEmpty }) {
            if aborting.load(ordering: .acquiring) || ContinuousClock.now >= deadline {
                if !aborting.load(ordering: .acquiring) {
                    logger.warning("grace period over: releasing tickets still in hand", metadata: ["in_hand": "\(tracker.count)"])
                }
                abort()
                break
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        let tasks = handlerTasks.withLock { Array($0.values) }
        for task in tasks { await task.value }
    }

    /// Retries and releases settle straight away in Redis; they write no outcome.
    private func settleWithoutOutcome(_ result: DeliveryResult) async {
        switch result {
        case .outcome:
            return
        case let .retry(lease, delay, lastError):
            do {
                let kept = try await uncancelled { store in try store.retry(lease, after: delay) }
                counters.record { $0.retried += 1 }
                if !kept { logger.info("retry refused: lease lost", metadata: ["ticket": "\(lease.id)"]) }
                logger.debug("retrying ticket", metadata: ["ticket": "\(lease.id)", "delay": "\(delay)", "error": "\(lastError)"])
            } catch {
                logger.error("could not schedule a retry; the lease will expire and redeliver", metadata: ["error": "\(error)"])
            }
            tracker.remove([lease.id])
        case let .release(lease):
            do {
                _ = try await uncancelled { store in try store.release([lease]) }
                counters.record { $0.released += 1 }
            } catch {
                logger.error("could not release a ticket; its lease will expire and redeliver", metadata: ["error": "\(error)"])
            }
            tracker.remove([lease.id])
        }
    }

    // MARK: Group commit and acknowledgement

    /// Stage one: group commits. Committing the next group overlaps with acknowledging the last.
    private func completionLoop() async {
        while await completions.waitForItems() {
            if completions.count < configuration.groupCommitLimit {
                try? await Task.sleep(for: configuration.groupCommitDelay)
            }
            let batch = completions.take(configuration.groupCommitLimit)
            guard !batch.isEmpty else { continue }
            await commit(batch)
            committed.push(batch)
        }
        committed.close()
    }

    /// Stage two: acknowledgements, then confirmations.
    private func acknowledgementLoop() async {
        while await committed.waitForItems() {
            let batch = committed.take(configuration.groupCommitLimit)
            guard !batch.isEmpty else { continue }
            await acknowledge(batch)
            if confirmations.withLock({ $0.count }) > 64 { await awaitConfirmations() }
        }
    }

    /// Commits a group durably (retrying until it succeeds; leases stay renewed meanwhile).
    private func commit(_ batch: [PendingOutcome]) async {
        var attempt = 0
        var inserted: InsertResult?
        while inserted == nil {
            do {
                inserted = try await writer.insert(batch: batch.map(\.record))
            } catch {
                attempt += 1
                logger.error("outcome commit failed; retrying (leases stay renewed)", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                try? await Task.sleep(for: Backoff(base: .milliseconds(20), cap: .seconds(2)).delay(forAttempt: attempt))
            }
        }
        let stored = Set(inserted?.stored ?? [])
        counters.record { totals in
            for pending in batch where stored.contains(pending.record.ticketID) {
                if pending.record.status == .dead { totals.dead += 1 } else { totals.done += 1 }
            }
            totals.duplicates += inserted?.duplicateCount ?? 0
        }
    }

    /// Acknowledges committed outcomes in Redis, then confirms or supersedes them in the store.
    private func acknowledge(_ batch: [PendingOutcome]) async {
        let worker = configuration.workerID
        let done = batch.filter { $0.deadInfoJSON == nil }
        let dead = batch.filter { $0.deadInfoJSON != nil }
        let doneFlags = await settleInRedis(done.map(\.lease)) { store, leases in
            try store.acknowledge(leases, journalWorker: worker)
        }
        let deadInfo = Dictionary(dead.map { ($0.lease, $0.deadInfoJSON ?? "{}") }, uniquingKeysWith: { first, _ in first })
        let deadFlags = await settleInRedis(dead.map(\.lease)) { store, leases in
            try store.deadLetter(leases.map { ($0, deadInfo[$0] ?? "{}") }, journalWorker: worker)
        }
        var accepted: [FencedTicket] = []
        var refused: [FencedTicket] = []
        for pending in batch {
            let fenced = FencedTicket(ticketID: pending.lease.id, fence: pending.lease.token)
            if (doneFlags[pending.lease] ?? deadFlags[pending.lease]) == true { accepted.append(fenced) } else { refused.append(fenced) }
        }
        tracker.remove(batch.map(\.lease.id))
        // Confirmations are bookkeeping for crash recovery: the writer folds them into its next
        // transaction, so the pipeline does not wait for another fsync here.
        let (writer, counters, logger) = (self.writer, self.counters, self.logger)
        let confirmation = Task {
            do {
                if !refused.isEmpty {
                    let count = try await writer.markSuperseded(refused)
                    counters.record { $0.superseded += count }
                    logger.warning("acks refused: outcomes superseded by a later delivery", metadata: ["count": "\(refused.count)"])
                }
                if !accepted.isEmpty { _ = try await writer.confirmAcks(accepted) }
            } catch {
                logger.error("could not record ack confirmations; they are settled at the next start", metadata: ["error": "\(error)"])
            }
        }
        confirmations.withLock { $0.append(confirmation) }
    }

    /// Runs a settling script until Redis has answered for every lease. After a connection error
    /// the ack journal tells which leases the lost attempt already settled, so none is settled
    /// twice (a second ack would be refused and its outcome wrongly superseded).
    private func settleInRedis(
        _ leases: [TicketLease],
        _ operation: @escaping @Sendable (LaneStore, [TicketLease]) throws -> [Bool]
    ) async -> [TicketLease: Bool] {
        var result: [TicketLease: Bool] = [:]
        var remaining = leases
        var attempt = 0
        let worker = configuration.workerID
        while !remaining.isEmpty {
            do {
                let pending = remaining
                let flags = try await lanes { store in try operation(store, pending) }
                for (lease, flag) in zip(pending, flags) { result[lease] = flag }
                remaining = []
            } catch {
                attempt += 1
                logger.error("acknowledgement failed; retrying", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                try? await Task.sleep(for: Backoff(base: .milliseconds(50), cap: .seconds(2)).delay(forAttempt: attempt))
                if let journal = try? await lanes({ store in try store.ackJournal(worker: worker) }) {
                    for lease in remaining where journal.contains(lease) { result[lease] = true }
                    remaining = remaining.filter { result[$0] == nil }
                }
            }
        }
        return result
    }

    /// Waits for outstanding ack confirmations (before the store closes).
    private func awaitConfirmations() async {
        let pending = confirmations.withLock { tasks -> [Task<Void, Never>] in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in pending { await task.value }
    }

    // MARK: Leases, heartbeat, reaper, promoter

    private func periodic(every interval: Duration, _ body: @Sendable () async -> Void) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { break }
            await body()
        }
    }

    private func renewLeases() async {
        let leases = tracker.leases()
        guard !leases.isEmpty else { return }
        do {
            var lost = 0
            for chunk in stride(from: 0, to: leases.count, by: 1000).map({ Array(leases[$0..<min($0 + 1000, leases.count)]) }) {
                let flags = try await lanes { store in try store.renew(chunk) }
                lost += flags.filter { !$0 }.count
            }
            if lost > 0 { logger.warning("leases lost; those tickets will be redelivered elsewhere", metadata: ["count": "\(lost)"]) }
        } catch {
            logger.error("lease renewal failed", metadata: ["error": "\(error)"])
        }
    }

    private func maintain() async {
        do {
            let record = registryRecord()
            let alive = try await lanes { [configuration, instance] store in
                try store.heartbeat(worker: configuration.workerID, instance: instance, recordJSON: record, ttl: configuration.livenessTTL)
            }
            if !alive {
                logger.critical("this worker was presumed dead and its id taken over; stopping")
                requestStop()
            }
            let reaped = try await lanes { store in try store.reap() }
            if reaped.expiredLeases + reaped.orphaned > 0 || !reaped.deadWorkers.isEmpty {
                logger.notice("reaper returned tickets to their lanes", metadata: [
                    "expired_leases": "\(reaped.expiredLeases)", "orphaned": "\(reaped.orphaned)", "dead_workers": "\(reaped.deadWorkers)",
                ])
            }
            _ = try await lanes { store in try store.promote() }
        } catch is CancellationError {
            return
        } catch {
            if Task.isCancelled { return }
            logger.error("maintenance failed", metadata: ["error": "\(error)"])
        }
    }

    /// Settles the unconfirmed outcomes a previous process with this id left behind, then
    /// requeues that process's tickets.
    private func settlePreviousLife() async throws {
        let worker = configuration.workerID
        let unconfirmed = try await writer.unconfirmedOutcomes(worker: worker, olderThan: Int64.max)
        if !unconfirmed.isEmpty {
            let journal = try await lanes { store in try store.ackJournal(worker: worker) }
            var confirm: [FencedTicket] = []
            var supersede: [FencedTicket] = []
            for row in unconfirmed {
                let fenced = FencedTicket(ticketID: row.ticketID, fence: row.fence)
                let lease = TicketLease(id: row.ticketID, token: row.fence)
                if journal.contains(lease) {
                    confirm.append(fenced)
                    continue
                }
                // Still ours in Redis: finish the hand-off now.
                let holder = try await lanes { store in try store.leaseHolder(of: row.ticketID) }
                if let holder, holder.token == row.fence {
                    let status = row.status
                    let acceptedNow = try await lanes { store in
                        status == .dead
                            ? try store.deadLetter([(lease, OutcomeFactory.deadInfo(reason: "recovered", attempts: 0, lastError: nil, worker: worker))], journalWorker: worker)
                            : try store.acknowledge([lease], journalWorker: worker)
                    }
                    if acceptedNow.first == true { confirm.append(fenced) } else { supersede.append(fenced) }
                } else {
                    supersede.append(fenced)
                }
            }
            if !confirm.isEmpty { _ = try await writer.confirmAcks(confirm) }
            if !supersede.isEmpty { _ = try await writer.markSuperseded(supersede) }
            logger.notice("settled outcomes left unconfirmed by a previous run", metadata: [
                "confirmed": "\(confirm.count)", "superseded": "\(supersede.count)",
            ])
        }
        let orphans = try await lanes { store in try store.requeueInFlight(ofWorker: worker) }
        if orphans > 0 { logger.notice("requeued tickets a previous run left in flight", metadata: ["count": "\(orphans)"]) }
    }

    // MARK: Plumbing

    /// Runs a lane operation even when the calling task was cancelled (an aborted handler must
    /// still hand its ticket back).
    func uncancelled<T: Sendable>(_ body: @escaping @Sendable (LaneStore) throws -> T) async throws -> T {
        try await Task.detached { try await self.lanes(body) }.value
    }

    func lanes<T: Sendable>(_ body: @escaping @Sendable (LaneStore) throws -> T) async throws -> T {
        try await redis.run(retry: .reconnect(maxAttempts: 3)) { [configuration] connection in
            try body(LaneStore(connection: connection, keys: configuration.keys, configuration: configuration.lanes))
        }
    }

    func registryRecord() -> String {
        let totals = counters.snapshot
        var object = JSONObjectWriter()
        object.add("id", configuration.workerID)
        object.add("host", ProcessInfo.processInfo.hostName)
        object.add("pid", Int64(getpid()))
        object.add("started", RFC3339.formatUTC(Instant(secondsSinceEpoch: startedAtMillis / 1000)))
        object.add("last_seen", RFC3339.formatUTC(Instant(secondsSinceEpoch: DeliveryProcessor.nowMillis / 1000)))
        object.add("processed", Int64(totals.done + totals.dead))
        object.add("in_flight", Int64(tracker.count))
        object.add("concurrency", Int64(configuration.concurrency))
        object.add("handler", handler.name)
        for (key, value) in registryExtras.sorted(by: { $0.key < $1.key }) { object.add(key, value) }
        return object.json
    }

    private func closeResources() async {
        await redis.shutdown()
        await waiter.shutdown()
        await writer.close()
    }
}
