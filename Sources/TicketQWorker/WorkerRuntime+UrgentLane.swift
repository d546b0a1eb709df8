import Logging
import TicketQLanes
import TicketQMetrics
import TicketQRedis

/// The urgent fast path: same-business-day tickets in slots of their own.
///
/// The general claimer takes the backlog in batches of up to ``WorkerConfiguration/claimBatch``
/// and commits in groups of up to ``WorkerConfiguration/groupCommitLimit``, so a ticket it takes
/// waits for its whole batch and group. The urgent claimer instead blocks on the urgent wake-up
/// list, claims from the same-business-day lane as soon as a ticket is queued (up to its free
/// slots), and its outcomes are committed at once (the writer folds them into its next
/// transaction, never behind more than the one in progress) and acknowledged on connections of
/// their own. The general claimer leaves the first ``WorkerConfiguration/urgentSlots`` urgent
/// tickets to the urgent claimers and takes the rest, so a burst beyond the reserved slots is
/// still served by the lane rules.
extension WorkerRuntime {
    /// Claims urgent tickets into the reserved slots until the worker stops.
    func urgentClaimLoop() async {
        guard configuration.urgentSlots > 0 else { return }
        var failures = 0
        while !isStopping {
            if !storeHealth.isHealthy {
                await waitForStore()
                continue
            }
            await tracker.waitForFreeUrgentSlot()
            if isStopping { break }
            let wanted = tracker.freeUrgentSlots
            guard wanted > 0 else { continue }
            let batch: ClaimBatch
            do {
                batch = try await lanes(via: urgentRedis) { [configuration] store in
                    try store.claim(worker: configuration.workerID, batchSize: wanted, scope: .urgentOnly)
                }
                clock.observe(serverMillis: batch.serverTimeMillis)
                failures = 0
            } catch LanesError.deploymentMissing {
                // The general claimer reports it; this one only waits for the marker.
                try? await Task.sleep(for: configuration.deploymentRecheckInterval)
                continue
            } catch {
                failures += 1
                logger.error("urgent claim failed; retrying", metadata: ["error": "\(error)", "failures": "\(failures)"])
                try? await Task.sleep(for: Backoff(base: .milliseconds(50), cap: .seconds(2)).delay(forAttempt: failures))
                continue
            }
            if batch.tickets.isEmpty {
                await waitForUrgentWork()
                continue
            }
            tracker.add(batch.tickets.map(\.lease), urgent: true)
            publishInFlight()
            recordRedeliveries(batch)
            if handler.runsInline {
                await handleInline(batch, into: urgentCompletions)
            } else {
                for claimed in batch.tickets { spawnHandler(claimed, claimedAt: batch.serverTimeMillis, into: urgentCompletions) }
            }
        }
    }

    /// Commits and acknowledges urgent outcomes as they come, without a group-commit delay.
    func urgentSettlementLoop() async {
        while await urgentCompletions.waitForItems() {
            let batch = urgentCompletions.take(configuration.groupCommitLimit)
            guard !batch.isEmpty else { continue }
            if await commit(batch) { await acknowledge(batch, via: urgentRedis, journal: .urgent) }
        }
    }

    private func waitForUrgentWork() async {
        do {
            _ = try await urgentRedis.run(retry: .reconnect(maxAttempts: 3)) { [configuration] connection in
                try LaneStore(connection: connection, keys: configuration.keys, configuration: configuration.lanes)
                    .waitForUrgentWork(timeout: configuration.idleWait)
            }
        } catch {
            logger.warning("waiting for urgent work failed", metadata: ["error": "\(error)"])
            try? await Task.sleep(for: .milliseconds(200))
        }
    }
}
