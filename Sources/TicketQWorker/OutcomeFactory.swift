import TicketQCore
import TicketQLanes
import TicketQStore
import TicketQWire

/// Builds outcome rows from a delivery and what became of it.
enum OutcomeFactory {
    /// The row of a handled ticket.
    static func done(_ ticket: QueuedTicket, claimed: ClaimedTicket, result: HandlerResult, worker: String, startedAt: Int64, completedAt: Int64) -> OutcomeRecord {
        record(ticket, claimed: claimed, worker: worker, startedAt: startedAt, completedAt: completedAt,
               status: .done, action: result.action, reply: result.reply, deadReason: nil, lastError: nil)
    }

    /// The row of a dead-lettered ticket whose payload could be read.
    static func dead(_ ticket: QueuedTicket, claimed: ClaimedTicket, reason: String, lastError: String?, worker: String, startedAt: Int64, completedAt: Int64) -> OutcomeRecord {
        record(ticket, claimed: claimed, worker: worker, startedAt: startedAt, completedAt: completedAt,
               status: .dead, action: "dead_lettered", reply: nil, deadReason: reason, lastError: lastError)
    }

    /// The row of a dead-lettered ticket whose payload is missing or unreadable: only what the
    /// lanes know about it is recorded.
    static func undecodable(_ claimed: ClaimedTicket, reason: String, error: String, worker: String, startedAt: Int64, completedAt: Int64) -> OutcomeRecord {
        OutcomeRecord(
            ticketID: claimed.lease.id, brand: "unknown", category: "unknown", urgent: claimed.lane == .sameBusinessDay,
            lane: claimed.intakeLane, promoted: claimed.promoted, receivedAt: 0, effectiveReceiptAt: 0,
            dueAt: claimed.dueMillis, resolutionDueAt: nil, enqueuedAt: claimed.enqueuedMillis, startedAt: startedAt,
            completedAt: completedAt, attempts: claimed.attempts, worker: worker, status: .dead, slaMet: nil,
            action: "dead_lettered", reply: nil, fence: claimed.lease.token, deadReason: reason, lastError: error,
            policyVersion: "unknown", calendarVersion: "unknown"
        )
    }

    private static func record(
        _ ticket: QueuedTicket, claimed: ClaimedTicket, worker: String, startedAt: Int64, completedAt: Int64,
        status: OutcomeStatus, action: String, reply: String?, deadReason: String?, lastError: String?
    ) -> OutcomeRecord {
        OutcomeRecord(
            ticketID: ticket.ticket.id, brand: ticket.ticket.brand, category: ticket.categoryResolved,
            urgent: ticket.urgent, lane: ticket.lane, promoted: claimed.promoted,
            receivedAt: ticket.receivedMillis, effectiveReceiptAt: ticket.effectiveReceiptMillis,
            dueAt: ticket.dueMillis, resolutionDueAt: ticket.resolutionDueMillis, enqueuedAt: ticket.enqueuedAtMillis,
            startedAt: startedAt, completedAt: completedAt, attempts: claimed.attempts, worker: worker, status: status,
            slaMet: status == .done ? OutcomeRecord.slaMet(dueAt: ticket.dueMillis, completedAt: completedAt) : nil,
            action: action, reply: reply, fence: claimed.lease.token, deadReason: deadReason, lastError: lastError,
            policyVersion: ticket.policyVersion, calendarVersion: ticket.calendarVersion,
            triageModelVersion: ticket.triageModelVersion, needsReview: ticket.needsReview, mimeDefects: ticket.mimeDefects,
            truncated: ticket.truncated
        )
    }

    /// The record stored with a dead letter in Redis.
    static func deadInfo(reason: String, attempts: Int, lastError: String?, worker: String) -> String {
        DeadLetterInfo(reason: reason, attempts: attempts, lastError: lastError, worker: worker).json
    }
}
