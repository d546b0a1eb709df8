import Foundation
import Logging
import Synchronization
import TicketQCore
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQStore

/// Lease renewal, heartbeat, reaper, promoter and settling a previous run.
extension WorkerRuntime {
    func periodic(every interval: Duration, _ body: @Sendable () async -> Void) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            if Task.isCancelled { break }
            await body()
        }
    }

    func renewLeases() async {
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

    func maintain() async {
        do {
            // Nothing is written to a Redis that lost the deployment, not even the heartbeat.
            let present = try await lanes { store in try store.isDeployed() }
            noteDeployment(present: present)
            guard present else { return }
            let record = registryRecord()
            let alive = try await lanes { [configuration, instance] store in
                try store.heartbeat(worker: configuration.workerID, instance: instance, recordJSON: record, ttl: configuration.livenessTTL)
            }
            if !alive {
                logger.critical("this worker was presumed dead and its id taken over; stopping")
                requestStop()
            }
            let reaped = try await lanes { store in try store.reap() }
            metrics.recordLeasesReaped(reaped.expiredLeases + reaped.orphaned)
            if reaped.expiredLeases + reaped.orphaned > 0 || !reaped.deadWorkers.isEmpty {
                logger.notice("reaper returned tickets to their lanes", metadata: [
                    "expired_leases": "\(reaped.expiredLeases)", "orphaned": "\(reaped.orphaned)", "dead_workers": "\(reaped.deadWorkers)",
                ])
            }
            _ = try await lanes { store in try store.promote() }
            try await collect()
        } catch is CancellationError {
            return
        } catch {
            if Task.isCancelled { return }
            logger.error("maintenance failed", metadata: ["error": "\(error)"])
        }
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

    /// Settles the unconfirmed outcomes a previous process with this id left behind, then
    /// requeues that process's tickets.
    func settlePreviousLife() async throws {
        let worker = configuration.workerID
        let unconfirmed = try await writer.unconfirmedOutcomes(worker: worker, olderThan: Int64.max)
        if !unconfirmed.isEmpty {
            let journal = try await lanes { store in
                try AckJournal.allCases.reduce(into: Set<TicketLease>()) { $0.formUnion(try store.ackJournal(worker: worker, journal: $1)) }
            }
            var confirm: [FencedTicket] = []
            var supersede: [FencedTicket] = []
            for row in unconfirmed {
                let fenced = FencedTicket(ticketID: row.ticketID, fence: row.fence)
                let lease = TicketLease(id: row.ticketID, token: row.fence)
                if journal.contains(lease) {
                    confirm.append(fenced)
                    continue
                }
                // Settle it now: Redis accepts when the lease is still ours (or when the ticket
                // was lost with its data before a recovery) and refuses when it went elsewhere.
                let status = row.status
                let acceptedNow = try await lanes { store in
                    status == .dead
                        ? try store.deadLetter([(lease, OutcomeFactory.deadInfo(reason: "recovered", attempts: 0, lastError: nil, worker: worker))], journalWorker: worker)
                        : try store.acknowledge([lease], journalWorker: worker)
                }
                if acceptedNow.first == true { confirm.append(fenced) } else { supersede.append(fenced) }
            }
            if !confirm.isEmpty { _ = try await writer.confirmAcks(confirm) }
            if !supersede.isEmpty { _ = try await writer.markSuperseded(supersede) }
            logger.notice("settled outcomes left unconfirmed by a previous run", metadata: [
                "confirmed": "\(confirm.count)", "superseded": "\(supersede.count)",
            ])
        }
        // Every entry is confirmed in the store now.
        try await lanes { store in try store.clearAckJournals(worker: worker) }
        let orphans = try await lanes { store in try store.requeueInFlight(ofWorker: worker) }
        if orphans > 0 { logger.notice("requeued tickets a previous run left in flight", metadata: ["count": "\(orphans)"]) }
    }
}
