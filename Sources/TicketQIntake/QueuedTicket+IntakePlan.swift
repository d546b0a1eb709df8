import TicketQCore
import TicketQWire

extension QueuedTicket {
    /// Creates the queued form of a planned ticket.
    public init(ticket: Ticket, plan: IntakePlan, enqueuedAtMillis: Int64, triageModelVersion: String? = nil, needsReview: Bool = false,
        mimeDefects: [String] = []
    ) {
        self.init(
            ticket: ticket,
            categoryResolved: plan.categoryResolved,
            urgent: plan.urgent,
            complex: plan.complex,
            lane: plan.lane,
            dueMillis: plan.due.secondsSinceEpoch * 1000,
            resolutionDueMillis: plan.resolutionDue.map { $0.secondsSinceEpoch * 1000 },
            effectiveReceiptMillis: plan.effectiveReceipt.secondsSinceEpoch * 1000,
            policyVersion: plan.policyVersion,
            calendarVersion: plan.calendarVersion,
            enqueuedAtMillis: enqueuedAtMillis,
            triageModelVersion: triageModelVersion,
            needsReview: needsReview,
            mimeDefects: mimeDefects
        )
    }
}
