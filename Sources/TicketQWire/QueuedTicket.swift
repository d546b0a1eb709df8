import TicketQCore

/// Everything a worker needs to handle a ticket and record its outcome: the ticket and its
/// intake plan, with instants as integer milliseconds since the epoch.
///
/// The queue holds it as a compact JSON payload (``encode()`` / ``decode(_:)``), about the size of
/// the subject and body plus 250 bytes.
public struct QueuedTicket: Sendable, Hashable {
    /// The payload schema version written by ``encode()``.
    public static let payloadVersion: Int64 = 1

    /// The ticket as accepted (text already cut to the intake's limit).
    public let ticket: Ticket
    /// The category the SLA was resolved with.
    public let categoryResolved: String
    /// Whether the ticket was handled as urgent.
    public let urgent: Bool
    /// Whether the ticket was taken as complex.
    public let complex: Bool
    /// The intake lane (kept in outcomes and metrics even after promotion).
    public let lane: Lane
    /// The response due instant, ms since the epoch.
    public let dueMillis: Int64
    /// The resolution due instant, ms since the epoch, when there is one.
    public let resolutionDueMillis: Int64?
    /// The effective receipt, ms since the epoch.
    public let effectiveReceiptMillis: Int64
    /// The brand policy version used.
    public let policyVersion: String
    /// The calendar version used.
    public let calendarVersion: String
    /// When intake enqueued the ticket, ms since the epoch.
    public let enqueuedAtMillis: Int64
    /// The triage model that chose the category, when triage did (the ticket gave none).
    public let triageModelVersion: String?
    /// Whether triage was too uncertain and filed the ticket under the default category for review.
    public let needsReview: Bool

    /// When the message was received, ms since the epoch.
    public var receivedMillis: Int64 { ticket.receivedAt.secondsSinceEpoch * 1000 }
    /// Whether the ticket's text was truncated at intake.
    public var truncated: Bool { ticket.truncated }

    /// Creates a queued ticket from its parts.
    public init(
        ticket: Ticket,
        categoryResolved: String,
        urgent: Bool,
        complex: Bool,
        lane: Lane,
        dueMillis: Int64,
        resolutionDueMillis: Int64?,
        effectiveReceiptMillis: Int64,
        policyVersion: String,
        calendarVersion: String,
        enqueuedAtMillis: Int64,
        triageModelVersion: String? = nil,
        needsReview: Bool = false
    ) {
        self.ticket = ticket
        self.categoryResolved = categoryResolved
        self.urgent = urgent
        self.complex = complex
        self.lane = lane
        self.dueMillis = dueMillis
        self.resolutionDueMillis = resolutionDueMillis
        self.effectiveReceiptMillis = effectiveReceiptMillis
        self.policyVersion = policyVersion
        self.calendarVersion = calendarVersion
        self.enqueuedAtMillis = enqueuedAtMillis
        self.triageModelVersion = triageModelVersion
        self.needsReview = needsReview
    }
}
