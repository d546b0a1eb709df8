import Logging
import Synchronization
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQStore

/// Commits, acknowledgements and confirmations: the durability order of every outcome. The commit
/// and acknowledgement stages (and the urgent one) run these; see `README.md`.
extension WorkerContext {
    /// Commits a group durably.
    ///
    /// When the store refuses the commit (full disk, read-only file, I/O error, corruption), the
    /// group's tickets are handed back at once instead of being held while the commit is retried:
    /// their outcomes were not committed, so another worker may redeliver and commit them. The
    /// store is then marked failing (claims pause) and probed until it commits again.
    ///
    /// - Returns: whether the group was committed (and is to be acknowledged).
    func commit(_ batch: [PendingOutcome]) async -> Bool {
        let started = ContinuousClock.now
        let inserted: InsertResult
        let token = storeHealth.commitStarted()
        defer { storeHealth.commitEnded(token) }
        do {
            inserted = try await writer.insert(batch: batch.map(\.record))
        } catch {
            noteStoreFailure(error, handingBack: batch.count)
            await handBack(batch)
            return false
        }
        metrics.recordCommit(seconds: (ContinuousClock.now - started).seconds, batchSize: batch.count)
        noteStoreSuccess()
        let stored = Set(inserted.stored)
        counters.record { totals in
            for pending in batch where stored.contains(pending.record.ticketID) {
                if pending.record.status == .dead { totals.dead += 1 } else { totals.done += 1 }
            }
            totals.duplicates += inserted.duplicateCount
        }
        let durableAt = clock.nowMillis
        metrics.recordCommitted(batch.lazy.filter { stored.contains($0.record.ticketID) }.map { pending in
            let record = pending.record
            return OutcomeObservation(
                brand: record.brand, lane: record.lane, dead: record.status == .dead, receivedAt: record.receivedAt,
                enqueuedAt: record.enqueuedAt, claimedAt: pending.claimedAtMillis, durableAt: durableAt, dueAt: record.dueAt
            )
        })
        metrics.recordDuplicatesSuppressed(inserted.duplicateCount)
        return true
    }

    /// Acknowledges committed outcomes in Redis, then confirms or supersedes them in the store.
    func acknowledge(_ batch: [PendingOutcome], via executor: RedisExecutor? = nil, journal: AckJournal = .general) async {
        let worker = configuration.workerID
        let done = batch.filter { $0.deadInfoJSON == nil }
        let dead = batch.filter { $0.deadInfoJSON != nil }
        // Entries confirmed since the last settlement leave the journal with this one (entries
        // a failed settlement did not forget are cleared at the worker's next start).
        let confirmed = confirmedSinceLastSettlement.withLock { $0.removeValue(forKey: journal) ?? [] }
        let forgetWithDone = done.isEmpty ? [] : confirmed
        let doneFlags = await settleInRedis(done.map(\.lease), via: executor, journal: journal) { store, leases in
            try store.acknowledge(leases, journalWorker: worker, journal: journal, forgetting: forgetWithDone)
        }
        let forgetWithDead = done.isEmpty ? confirmed : []
        let deadInfo = Dictionary(dead.map { ($0.lease, $0.deadInfoJSON ?? "{}") }, uniquingKeysWith: { first, _ in first })
        let deadFlags = await settleInRedis(dead.map(\.lease), via: executor, journal: journal) { store, leases in
            try store.deadLetter(leases.map { ($0, deadInfo[$0] ?? "{}") }, journalWorker: worker, journal: journal, forgetting: forgetWithDead)
        }
        var accepted: [FencedTicket] = []
        var refused: [FencedTicket] = []
        for pending in batch {
            let fenced = FencedTicket(ticketID: pending.lease.id, fence: pending.lease.token)
            // No answer (the deployment marker vanished during a shutdown): the outcome stays
            // unconfirmed in the store and is settled by the next start.
            guard let flag = doneFlags[pending.lease] ?? deadFlags[pending.lease] else { continue }
            if flag { accepted.append(fenced) } else { refused.append(fenced) }
        }
        tracker.remove(batch.map(\.lease.id))
        publishInFlight()
        metrics.recordFencingRejections(refused.count)
        for pending in dead where deadFlags[pending.lease] == true {
            metrics.recordDeadLetter(reason: pending.record.deadReason ?? "")
        }
        // Confirmations are bookkeeping for crash recovery: the writer folds them into its next
        // transaction, so the pipeline does not wait for another fsync here.
        let (writer, counters, logger, metrics) = (self.writer, self.counters, self.logger, self.metrics)
        let confirmation = Task {
            do {
                if !refused.isEmpty {
                    let count = try await writer.markSuperseded(refused)
                    counters.record { $0.superseded += count }
                    metrics.recordSuperseded(count)
                    logger.warning("acks refused: outcomes superseded by a later delivery", metadata: ["count": "\(refused.count)"])
                }
                if !accepted.isEmpty {
                    _ = try await writer.confirmAcks(accepted)
                    self.confirmedSinceLastSettlement.withLock { $0[journal, default: []] += accepted.map(\.ticketID) }
                }
            } catch {
                logger.error("could not record ack confirmations; they are settled at the next start", metadata: ["error": "\(error)"])
            }
        }
        confirmations.withLock { $0.append(confirmation) }
    }

    /// Runs a settling script until Redis has answered for every lease. After a connection error
    /// the ack journal tells which leases the lost attempt already settled, so none is settled
    /// twice (a second ack would be refused and its outcome wrongly superseded); until the journal
    /// has been read, the script is not run again. While the deployment marker is missing it
    /// waits for it, unless the worker is stopping: leases left without an answer then stay out
    /// of the result.
    func settleInRedis(
        _ leases: [TicketLease],
        via executor: RedisExecutor? = nil,
        journal: AckJournal = .general,
        _ operation: @escaping @Sendable (LaneStore, [TicketLease]) throws -> [Bool]
    ) async -> [TicketLease: Bool] {
        var result: [TicketLease: Bool] = [:]
        var remaining = leases
        var attempt = 0
        // Set after a failed attempt: Redis may have applied it without the answer reaching us.
        var outcomeUnknown = false
        let worker = configuration.workerID
        while !remaining.isEmpty {
            if outcomeUnknown {
                do {
                    let accepted = try await lanes(via: executor) { store in try store.ackJournal(worker: worker, journal: journal) }
                    for lease in remaining where accepted.contains(lease) { result[lease] = true }
                    remaining = remaining.filter { result[$0] == nil }
                    outcomeUnknown = false
                } catch {
                    attempt += 1
                    logger.error("reading the ack journal failed; retrying before settling again", metadata: [
                        "error": "\(error)", "attempt": "\(attempt)",
                    ])
                    try? await Task.sleep(for: Backoff(base: .milliseconds(50), cap: .seconds(2)).delay(forAttempt: attempt))
                }
                continue
            }
            do {
                let pending = remaining
                let flags = try await lanes(via: executor) { store in try operation(store, pending) }
                for (lease, flag) in zip(pending, flags) { result[lease] = flag }
                remaining = []
            } catch LanesError.deploymentMissing {
                // With several partitions, the partitions whose marker is there settled their share.
                outcomeUnknown = true
                noteDeployment(present: false)
                if isStopping { return result }
                try? await Task.sleep(for: configuration.deploymentRecheckInterval)
            } catch {
                attempt += 1
                logger.error("acknowledgement failed; retrying", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                try? await Task.sleep(for: Backoff(base: .milliseconds(50), cap: .seconds(2)).delay(forAttempt: attempt))
                outcomeUnknown = true
            }
        }
        return result
    }

    /// Waits for outstanding ack confirmations (before the store closes).
    func awaitConfirmations() async {
        let pending = confirmations.withLock { tasks -> [Task<Void, Never>] in
            defer { tasks.removeAll() }
            return tasks
        }
        for task in pending { await task.value }
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
}
