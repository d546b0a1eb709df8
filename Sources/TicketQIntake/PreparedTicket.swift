import TicketQCore
import TicketQTriage

/// A ticket decoded and triaged, ready to be planned and enqueued by a ``SubmitCoalescer``.
public struct PreparedTicket: Sendable {
    /// The ticket.
    public var ticket: Ticket
    /// Triage's decision; nil when the ticket carries its category.
    public var decision: TriageDecision?
    /// The input line (1 for a single ticket or an email), carried into a rejection.
    public var number: Int
    /// What the email parser recovered from, for a ticket made from an email (defect names).
    public var mimeDefects: [String]

    /// Creates a prepared ticket.
    public init(ticket: Ticket, decision: TriageDecision?, number: Int, mimeDefects: [String] = []) {
        self.ticket = ticket
        self.decision = decision
        self.number = number
        self.mimeDefects = mimeDefects
    }
}
