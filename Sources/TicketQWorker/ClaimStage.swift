import Logging
import ServiceLifecycle
import Synchronization
import TicketQCore
import TicketQLanes
import TicketQMetrics
import TicketQRedis

/// Claims tickets and runs their handlers: the general claimer takes the backlog in batches by
/// the lane rules, the urgent claimer fills the reserved urgent slots (see
/// ``UrgentSettlementStage``), and suspects are claimed alone. Handled outcomes go to the
/// completion queues. At the graceful shutdown it stops claiming, lets the handlers finish within
/// the grace period (releasing the tickets of those that do not), and closes the queues, which
/// ends the stages after it.
struct ClaimStage: Service {
    let context: WorkerContext

    func run() async {
        await withGracefulShutdownHandler {
            // Higher priority, so that the urgent path's continuations run before the backlog's
            // batch work waiting on the same cooperative threads.
            let urgentClaims = Task(priority: .high) { await self.claimLoop(.urgent) }
            await claimLoop(.general)
            await urgentClaims.value
        } onGracefulShutdown: { [context] in
            context.requestStop()
        }
        await untilGracefulShutdown()
        await drainHandlers()
        context.completions.close()
        context.urgentCompletions.close()
    }

    /// Claims tickets for `claimer` and starts their handlers until the worker stops.
    func claimLoop(_ claimer: Claimer) async {
        if claimer == .urgent && context.configuration.urgentSlots == 0 { return }
        var failures = 0
        // Suspects (tickets a worker died holding) are claimed by the general claimer with nothing
        // else in hand (in small groups, or alone after a second crash), until none is waiting
        // and the last settled.
        var suspectsWaiting = 0
        var isolating = false
        while !context.isStopping {
            if !context.storeHealth.isHealthy {
                await context.waitForStore()
                continue
            }
            if claimer == .urgent && context.isolatingSuspect.load(ordering: .acquiring) {
                try? await Task.sleep(for: .milliseconds(5))
                continue
            }
            if claimer == .general && (isolating || suspectsWaiting > 0) {
                context.isolatingSuspect.store(true, ordering: .releasing)
                await waitUntilNothingInHand()
                if context.isStopping { break }
                isolating = suspectsWaiting > 0
                if !isolating {
                    context.isolatingSuspect.store(false, ordering: .releasing)
                    continue
                }
            }
            let wanted = isolating ? min(Self.suspectGroup, context.configuration.concurrency) : await freeSlots(for: claimer)
            if context.isStopping { break }
            guard wanted > 0 else { continue }
            let batch: ClaimBatch
            do {
                let scope: ClaimScope = isolating ? .suspect
                    : claimer == .urgent ? .urgentOnly : .allLanes(leavingUrgent: context.configuration.urgentSlots)
                batch = try await context.lanes(via: executor(for: claimer)) { [workerID = context.configuration.workerID] store in
                    try store.claim(worker: workerID, batchSize: wanted, scope: scope)
                }
                context.clock.observe(serverMillis: batch.serverTimeMillis)
                failures = 0
            } catch LanesError.deploymentMissing {
                // The general claimer reports it; both wait for the marker.
                if claimer == .general { context.noteDeployment(present: false) }
                try? await Task.sleep(for: context.configuration.deploymentRecheckInterval)
                continue
            } catch {
                failures += 1
                context.logger.error("\(claimer.logPrefix)claim failed; retrying", metadata: ["error": "\(error)", "failures": "\(failures)"])
                try? await Task.sleep(for: Backoff(base: .milliseconds(50), cap: .seconds(2)).delay(forAttempt: failures))
                continue
            }
            if claimer == .general { suspectsWaiting = batch.suspectsWaiting }
            if batch.tickets.isEmpty {
                if !isolating && suspectsWaiting == 0 { await waitForWork(claimer) }
                continue
            }
            context.tracker.add(batch.tickets.map(\.lease), urgent: claimer == .urgent)
            context.publishInFlight()
            recordRedeliveries(batch)
            let queue = claimer == .urgent ? context.urgentCompletions : context.completions
            if context.handler.runsInline {
                await handleInline(batch, into: queue)
            } else {
                for claimed in batch.tickets { spawnHandler(claimed, claimedAt: batch.serverTimeMillis, into: queue) }
            }
        }
    }

    /// Suspects of a single crash claimed together: few enough that a poison ticket among them
    /// costs each neighbour one more delivery, enough that a dead worker's batch is back in a
    /// few rounds.
    static let suspectGroup = 32

    /// Returns once nothing is in hand or the worker stops. It polls: isolation follows a crash
    /// and is short, and the context.tracker's own wait could outlive a shutdown that must hand tickets back.
    private func waitUntilNothingInHand() async {
        while context.tracker.count > 0 && !context.isStopping {
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Waits until `claimer` has room, and returns how many tickets it may claim now.
    private func freeSlots(for claimer: Claimer) async -> Int {
        switch claimer {
        case .general:
            await context.tracker.waitForFreeSlots(max(1, min(context.configuration.claimBatch, context.configuration.concurrency / 4)))
            return min(context.configuration.claimBatch, context.tracker.freeSlots)
        case .urgent:
            await context.tracker.waitForFreeUrgentSlot()
            return context.tracker.freeUrgentSlots
        }
    }

    /// The connections `claimer` claims on (`nil`: the general ones).
    private func executor(for claimer: Claimer) -> RedisExecutor? {
        claimer == .urgent ? context.urgentRedis : nil
    }

    /// Blocks on `claimer`'s wake-up list until work may be waiting or the idle wait passes.
    private func waitForWork(_ claimer: Claimer) async {
        do {
            _ = try await (claimer == .urgent ? context.urgentRedis : context.waiter).run(retry: .reconnect(maxAttempts: 3)) { [configuration = context.configuration] connection in
                let store = LaneStore(connection: connection, keys: configuration.keys, configuration: configuration.lanes)
                return claimer == .urgent
                    ? try store.waitForUrgentWork(timeout: configuration.idleWait)
                    : try store.waitForWork(timeout: configuration.idleWait)
            }
        } catch {
            context.logger.warning("waiting for \(claimer.logPrefix)work failed", metadata: ["error": "\(error)"])
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Runs an inline context.handler over a batch and queues its outcomes on `queue`.
    func handleInline(_ batch: ClaimBatch, into queue: CompletionQueue) async {
        var outcomes: [PendingOutcome] = []
        outcomes.reserveCapacity(batch.tickets.count)
        var others: [DeliveryResult] = []
        for (index, claimed) in batch.tickets.enumerated() {
            // A big batch gives the cooperative threads back now and then, so that the urgent
            // path's work is not held up for a whole batch.
            if index % 64 == 63 { await Task.yield() }
            switch context.processor.prepare(claimed, claimedAt: batch.serverTimeMillis) {
            case let .failure(dead):
                outcomes.append(dead)
            case let .success(ticket):
                let answer: Result<HandlerResult, any Error>
                do {
                    answer = .success(try await context.handler.handle(ticket, attempt: claimed.attempts))
                } catch {
                    answer = .failure(error)
                }
                switch context.processor.finish(ticket, claimed, claimedAt: batch.serverTimeMillis, answer) {
                case let .outcome(pending): outcomes.append(pending)
                case let other: others.append(other)
                }
            }
        }
        queue.push(outcomes)
        for result in others { await context.settleWithoutOutcome(result) }
    }

    /// Runs the context.handler of one ticket in a task of its own; its outcome is queued on `queue`.
    func spawnHandler(_ claimed: ClaimedTicket, claimedAt: Int64, into queue: CompletionQueue) {
        let key = claimed.lease.token
        context.handlerTasks.start(key, priority: queue === context.urgentCompletions ? .high : nil) {
            await self.runHandler(claimed, claimedAt: claimedAt, key: key, into: queue)
        }
        if context.aborting.load(ordering: .acquiring) { context.handlerTasks.cancel(key) }
    }

    private func runHandler(_ claimed: ClaimedTicket, claimedAt: Int64, key: Int64, into queue: CompletionQueue) async {
        let result: DeliveryResult
        switch context.processor.prepare(claimed, claimedAt: claimedAt) {
        case let .failure(dead):
            result = .outcome(dead)
        case let .success(ticket):
            let answer: Result<HandlerResult, any Error>
            if context.aborting.load(ordering: .acquiring) {
                answer = .failure(CancellationError())
            } else {
                do {
                    answer = .success(try await context.handler.handle(ticket, attempt: claimed.attempts))
                } catch {
                    answer = .failure(error)
                }
            }
            result = context.processor.finish(ticket, claimed, claimedAt: claimedAt, answer)
        }
        if case let .outcome(pending) = result {
            queue.push([pending])
        } else {
            await context.settleWithoutOutcome(result)
        }
        context.handlerTasks.finished(key)
    }

    /// After claiming stops: waits for handlers up to the grace period, then cancels the rest
    /// (their tickets are released).
    func drainHandlers() async {
        // An abort (a second signal) cancels the handlers, which ends this wait early too.
        let deadline = ContinuousClock.now + context.configuration.gracePeriod
        if await !context.handlerTasks.waitUntilNoneLeft(before: deadline) {
            if !context.aborting.load(ordering: .acquiring) {
                context.logger.warning("grace period over: releasing tickets still in hand", metadata: ["in_hand": "\(context.tracker.count)"])
            }
            context.abort()
        }
        for task in context.handlerTasks.running { await task.value }
    }

    func recordRedeliveries(_ batch: ClaimBatch) {
        var byLane: [Lane: Int] = [:]
        for claimed in batch.tickets where claimed.attempts > 1 { byLane[claimed.intakeLane, default: 0] += 1 }
        for (lane, count) in byLane { context.metrics.recordRedeliveries(lane: lane, count: count) }
    }
}
