import Foundation
import Logging
import TicketQLanes
import TicketQStore

/// What a worker does at its start about a previous process with the same id.
extension WorkerContext {
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
