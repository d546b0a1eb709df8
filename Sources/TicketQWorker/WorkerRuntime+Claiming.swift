import Foundation
import Logging
import Synchronization
import TicketQCore
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQStore

/// Claiming tickets and running their handlers.
extension WorkerRuntime {
    /// Claims tickets for `claimer` and starts their handlers until the worker stops.
    func claimLoop(_ claimer: Claimer) async {
        if claimer == .urgent && configuration.urgentSlots == 0 { return }
        var failures = 0
        // Suspects (tickets a worker died holding) are claimed by the general claimer with nothing
        // else in hand (in small groups, or alone after a second crash), until none is waiting
        // and the last settled.
        var suspectsWaiting = 0
        var isolating = false
        while !isStopping {
            if !storeHealth.isHealthy {
                await waitForStore()
                continue
            }
            if claimer == .urgent && isolatingSuspect.load(ordering: .acquiring) {
                try? await Task.sleep(for: .milliseconds(5))
                continue
            }
            if claimer == .general && (isolating || suspectsWaiting > 0) {
                isolatingSuspect.store(true, ordering: .releasing)
                await waitUntilNothingInHand()
                if isStopping { break }
                isolating = suspectsWaiting > 0
                if !isolating {
                    isolatingSuspect.store(false, ordering: .releasing)
                    continue
                }
            }
            let wanted = isolating ? min(Self.suspectGroup, configuration.concurrency) : await freeSlots(for: claimer)
            if isStopping { break }
            guard wanted > 0 else { continue }
            let batch: ClaimBatch
            do {
                let scope: ClaimScope = isolating ? .suspect
                    : claimer == .urgent ? .urgentOnly : .allLanes(leavingUrgent: configuration.urgentSlots)
                batch = try await lanes(via: executor(for: claimer)) { [configuration] store in
                    try store.claim(worker: configuration.workerID, batchSize: wanted, scope: scope)
                }
                clock.observe(serverMillis: batch.serverTimeMillis)
                failures = 0
            } catch LanesError.deploymentMissing {
                // The general claimer reports it; both wait for the marker.
                if claimer == .general { noteDeployment(present: false) }
                try? await Task.sleep(for: configuration.deploymentRecheckInterval)
                continue
            } catch {
                failures += 1
                logger.error("\(claimer.logPrefix)claim failed; retrying", metadata: ["error": "\(error)", "failures": "\(failures)"])
                try? await Task.sleep(for: Backoff(base: .milliseconds(50), cap: .seconds(2)).delay(forAttempt: failures))
                continue
            }
            if claimer == .general { suspectsWaiting = batch.suspectsWaiting }
            if batch.tickets.isEmpty {
                if !isolating && suspectsWaiting == 0 { await waitForWork(claimer) }
                continue
            }
            tracker.add(batch.tickets.map(\.lease), urgent: claimer == .urgent)
            publishInFlight()
            recordRedeliveries(batch)
            let queue = claimer == .urgent ? urgentCompletions : completions
            if handler.runsInline {
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
    /// and is short, and the tracker's own wait could outlive a shutdown that must hand tickets back.
    private func waitUntilNothingInHand() async {
        while tracker.count > 0 && !isStopping {
            try? await Task.sleep(for: .milliseconds(2))
        }
    }

    /// Waits until `claimer` has room, and returns how many tickets it may claim now.
    private func freeSlots(for claimer: Claimer) async -> Int {
        switch claimer {
        case .general:
            await tracker.waitForFreeSlots(max(1, min(configuration.claimBatch, configuration.concurrency / 4)))
            return min(configuration.claimBatch, tracker.freeSlots)
        case .urgent:
            await tracker.waitForFreeUrgentSlot()
            return tracker.freeUrgentSlots
        }
    }

    /// The connections `claimer` claims on (`nil`: the general ones).
    private func executor(for claimer: Claimer) -> RedisExecutor? {
        claimer == .urgent ? urgentRedis : nil
    }

    /// Blocks on `claimer`'s wake-up list until work may be waiting or the idle wait passes.
    private func waitForWork(_ claimer: Claimer) async {
        do {
            _ = try await (claimer == .urgent ? urgentRedis : waiter).run(retry: .reconnect(maxAttempts: 3)) { [configuration] connection in
                let store = LaneStore(connection: connection, keys: configuration.keys, configuration: configuration.lanes)
                return claimer == .urgent
                    ? try store.waitForUrgentWork(timeout: configuration.idleWait)
                    : try store.waitForWork(timeout: configuration.idleWait)
            }
        } catch {
            logger.warning("waiting for \(claimer.logPrefix)work failed", metadata: ["error": "\(error)"])
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Runs an inline handler over a batch and queues its outcomes on `queue`.
    func handleInline(_ batch: ClaimBatch, into queue: CompletionQueue) async {
        var outcomes: [PendingOutcome] = []
        outcomes.reserveCapacity(batch.tickets.count)
        var others: [DeliveryResult] = []
        for (index, claimed) in batch.tickets.enumerated() {
            // A big batch gives the cooperative threads back now and then, so that the urgent
            // path's work is not held up for a whole batch.
            if index % 64 == 63 { await Task.yield() }
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
        queue.push(outcomes)
        for result in others { await settleWithoutOutcome(result) }
    }

    /// Runs the handler of one ticket in a task of its own; its outcome is queued on `queue`.
    func spawnHandler(_ claimed: ClaimedTicket, claimedAt: Int64, into queue: CompletionQueue) {
        let key = claimed.lease.token
        // The task is created while the registry is locked, so that a handler finishing at once
        // cannot try to remove itself before it was added (and leave a stale entry behind).
        handlerTasks.withLock { tasks in
            tasks[key] = Task(priority: queue === urgentCompletions ? .high : nil) {
                await self.runHandler(claimed, claimedAt: claimedAt, key: key, into: queue)
            }
        }
        if aborting.load(ordering: .acquiring) { handlerTasks.withLock { $0[key]?.cancel() } }
    }

    private func runHandler(_ claimed: ClaimedTicket, claimedAt: Int64, key: Int64, into queue: CompletionQueue) async {
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
            queue.push([pending])
        } else {
            await settleWithoutOutcome(result)
        }
        _ = handlerTasks.withLock { $0.removeValue(forKey: key) }
    }

    /// After claiming stops: waits for handlers up to the grace period, then cancels the rest
    /// (their tickets are released).
    func drainHandlers() async {
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
    func settleWithoutOutcome(_ result: DeliveryResult) async {
        switch result {
        case .outcome:
            return
        case let .retry(lease, delay, lastError, lane):
            do {
                let kept = try await uncancelled { store in try store.retry(lease, after: delay) }
                counters.record { $0.retried += 1 }
                metrics.recordRetry(lane: lane)
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
                metrics.recordReleased(1)
            } catch {
                logger.error("could not release a ticket; its lease will expire and redeliver", metadata: ["error": "\(error)"])
            }
            tracker.remove([lease.id])
        }
    }

    func recordRedeliveries(_ batch: ClaimBatch) {
        var byLane: [Lane: Int] = [:]
        for claimed in batch.tickets where claimed.attempts > 1 { byLane[claimed.intakeLane, default: 0] += 1 }
        for (lane, count) in byLane { metrics.recordRedeliveries(lane: lane, count: count) }
    }
}
