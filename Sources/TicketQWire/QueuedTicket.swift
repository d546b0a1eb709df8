import TicketQCore

/// Everything a worker needs to handle a ticket and record its outcome: the ticket and its
/// intake plan, with instants as integer milliseconds since the epoch.
///
/// The queue holds it as a compact JSON payload (``encode()`` / ``decode(_:)``), about the size of
/// the subject and body plus 250 bytes.
public struct QueuedTicket: Sendable, Hashable {
    /// The newest payload schema version: ``encode()`` writes it for a ticket that needs it
    /// (one with ``mimeDefects``), and version 1 otherwise, so that workers of the previous
    /// release still read every payload that carries nothing new.
    public static let payloadVersion: Int64 = 2
    /// The payload schema versions ``decode(_:)`` reads.
    public static let readableVersions: ClosedRange<Int64> = 1...2

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
    /// What the lenient email parser recovered from in the message this ticket came from, as
    /// stable snake_case names (`missing_header_separator`, …); empty for other tickets and for
    /// clean mail. Written in payload version 2.
    public let mimeDefects: [String]

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
        needsReview: Bool = false,
        mimeDefects: [String] = []
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
        self.mimeDefects = mimeDefects
    }
}
