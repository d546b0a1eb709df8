import TicketQCore

/// One ticket's outcome, as stored in a row of the outcome table.
///
/// Timestamps are integer **milliseconds since the Unix epoch (UTC)**, as stored. The record
/// carries no message body and no customer address, by design.
public struct OutcomeRecord: Sendable, Hashable {
    /// The ticket's id (unique in a store).
    public var ticketID: String
    /// The brand the ticket belongs to.
    public var brand: String
    /// The ticket's category (triaged or the brand's default).
    public var category: String
    /// Whether the ticket was urgent.
    public var urgent: Bool
    /// The lane intake placed the ticket in (kept when it was promoted later).
    public var lane: Lane
    /// Whether the ticket was promoted into the same-business-day lane.
    public var promoted: Bool
    /// When the message was received.
    public var receivedAt: Int64
    /// When the SLA clock started (the receipt moved into business hours).
    public var effectiveReceiptAt: Int64
    /// When the response was due.
    public var dueAt: Int64
    /// When the resolution is due, if the policy sets one.
    public var resolutionDueAt: Int64?
    /// When the ticket entered its lane.
    public var enqueuedAt: Int64
    /// When the delivery that produced this outcome started.
    public var startedAt: Int64
    /// When the outcome was produced.
    public var completedAt: Int64
    /// How many deliveries the ticket had, including the one that produced this outcome.
    public var attempts: Int
    /// The id of the worker that produced the outcome.
    public var worker: String
    /// The row's state.
    public var status: OutcomeStatus
    /// Whether the response was made by its due time (`completedAt <= dueAt`); `nil` when the
    /// question does not apply (e.g. a dead-lettered ticket).
    public var slaMet: Bool?
    /// What the handler did, e.g. `acknowledged`.
    public var action: String
    /// The reply text, if the handler produced one.
    public var reply: String?
    /// The fencing token of the delivery that produced the outcome.
    public var fence: Int64
    /// Why the ticket was dead-lettered, for `dead` rows.
    public var deadReason: String?
    /// The last handler error, if any delivery failed.
    public var lastError: String?
    /// The version of the policy that set the SLA.
    public var policyVersion: String
    /// The version of the business calendar that set the SLA.
    public var calendarVersion: String
    /// The version of the triage model, when triage decided the category.
    public var triageModelVersion: String?
    /// Whether triage was too uncertain and a person should review the category.
    public var needsReview: Bool
    /// What the lenient email parser recovered from in the ticket's message (defect names such
    /// as `missing_header_separator`); empty for clean mail and tickets not made from email.
    public var mimeDefects: [String]
    /// Whether the ticket text was truncated at intake.
    public var truncated: Bool
    /// Whether the worker confirmed that Redis accepted the ack for this outcome.
    /// New outcomes are written unconfirmed and confirmed after the ack.
    public var ackConfirmed: Bool

    /// Creates a record; `ackConfirmed` is `false` for a freshly produced outcome.
    public init(
        ticketID: String,
        brand: String,
        category: String,
        urgent: Bool,
        lane: Lane,
        promoted: Bool,
        receivedAt: Int64,
        effectiveReceiptAt: Int64,
        dueAt: Int64,
        resolutionDueAt: Int64?,
        enqueuedAt: Int64,
        startedAt: Int64,
        completedAt: Int64,
        attempts: Int,
        worker: String,
        status: OutcomeStatus,
        slaMet: Bool?,
        action: String,
        reply: String?,
        fence: Int64,
        deadReason: String? = nil,
        lastError: String? = nil,
        policyVersion: String,
        calendarVersion: String,
        triageModelVersion: String? = nil,
        needsReview: Bool = false,
        mimeDefects: [String] = [],
        truncated: Bool = false,
        ackConfirmed: Bool = false
    ) {
        self.ticketID = ticketID
        self.brand = brand
        self.category = category
        self.urgent = urgent
        self.lane = lane
        self.promoted = promoted
        self.receivedAt = receivedAt
        self.effectiveReceiptAt = effectiveReceiptAt
        self.dueAt = dueAt
        self.resolutionDueAt = resolutionDueAt
        self.enqueuedAt = enqueuedAt
        self.startedAt = startedAt
        self.completedAt = completedAt
        self.attempts = attempts
        self.worker = worker
        self.status = status
        self.slaMet = slaMet
        self.action = action
        self.reply = reply
        self.fence = fence
        self.deadReason = deadReason
        self.lastError = lastError
        self.policyVersion = policyVersion
        self.calendarVersion = calendarVersion
        self.triageModelVersion = triageModelVersion
        self.needsReview = needsReview
        self.mimeDefects = mimeDefects
        self.truncated = truncated
        self.ackConfirmed = ackConfirmed
    }

    /// Whether a response completed at `completedAt` met a response due at `dueAt`
    /// (inclusive: completing exactly at the due time meets it).
    public static func slaMet(dueAt: Int64, completedAt: Int64) -> Bool {
        completedAt <= dueAt
    }
}

extension OutcomeRecord {
    /// Checks what the types cannot: a non-empty ticket id and a non-negative attempt count.
    ///
    /// - Throws: ``StoreError/invalidRecord(ticketID:reason:)``.
    public func validate() throws(StoreError) {
        if ticketID.isEmpty {
            throw StoreError.invalidRecord(ticketID: ticketID, reason: "the ticket id is empty")
        }
        if attempts < 0 {
            throw StoreError.invalidRecord(ticketID: ticketID, reason: "attempts is \(attempts), below 0")
        }
    }
}
