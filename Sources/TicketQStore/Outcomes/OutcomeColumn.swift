/// The columns of the outcome table, in table order. Their raw values are the column names,
/// which are also the keys of JSONL output and the header of CSV output.
public enum OutcomeColumn: String, Sendable, Hashable, CaseIterable {
    /// The ticket id; unique.
    case ticketID = "ticket_id"
    /// The brand.
    case brand
    /// The category.
    case category
    /// Whether the ticket was urgent (0 or 1).
    case urgent
    /// The intake lane.
    case lane
    /// Whether the ticket was promoted (0 or 1).
    case promoted
    /// Receipt time, epoch milliseconds.
    case receivedAt = "received_at"
    /// Effective receipt time, epoch milliseconds.
    case effectiveReceiptAt = "effective_receipt_at"
    /// Response due time, epoch milliseconds.
    case dueAt = "due_at"
    /// Resolution due time, epoch milliseconds, nullable.
    case resolutionDueAt = "resolution_due_at"
    /// Enqueue time, epoch milliseconds.
    case enqueuedAt = "enqueued_at"
    /// Handling start time, epoch milliseconds.
    case startedAt = "started_at"
    /// Completion time, epoch milliseconds.
    case completedAt = "completed_at"
    /// Number of deliveries.
    case attempts
    /// Worker id.
    case worker
    /// `done`, `dead` or `superseded`.
    case status
    /// Whether the response met its due time (0 or 1), nullable.
    case slaMet = "sla_met"
    /// What the handler did.
    case action
    /// The reply text, nullable.
    case reply
    /// The fencing token of the delivery.
    case fence
    /// Why the ticket was dead-lettered, nullable.
    case deadReason = "dead_reason"
    /// The last handler error, nullable.
    case lastError = "last_error"
    /// The policy version.
    case policyVersion = "policy_version"
    /// The calendar version.
    case calendarVersion = "calendar_version"
    /// The triage model version, nullable.
    case triageModelVersion = "triage_model_version"
    /// Whether the text was truncated at intake (0 or 1).
    case truncated
    /// Whether triage was too uncertain and filed the ticket under the default category for a
    /// person to review (0 or 1).
    case needsReview = "needs_review"
    /// What the lenient email parser recovered from in the ticket's message: comma-separated
    /// defect names (`missing_header_separator,malformed_folding`), nullable.
    case mimeDefects = "mime_defects"
    /// Whether the Redis ack was confirmed (0 or 1).
    case ackConfirmed = "ack_confirmed"

    /// The 1-based position of the column in table order, which is also its SQL parameter
    /// number (`?N`) in the store's insert and update statements. Kept as a switch because it
    /// runs for every column of every stored row; a test checks it against `allCases`.
    var parameterNumber: Int32 {
        switch self {
        case .ticketID: 1
        case .brand: 2
        case .category: 3
        case .urgent: 4
        case .lane: 5
        case .promoted: 6
        case .receivedAt: 7
        case .effectiveReceiptAt: 8
        case .dueAt: 9
        case .resolutionDueAt: 10
        case .enqueuedAt: 11
        case .startedAt: 12
        case .completedAt: 13
        case .attempts: 14
        case .worker: 15
        case .status: 16
        case .slaMet: 17
        case .action: 18
        case .reply: 19
        case .fence: 20
        case .deadReason: 21
        case .lastError: 22
        case .policyVersion: 23
        case .calendarVersion: 24
        case .triageModelVersion: 25
        case .truncated: 26
        case .needsReview: 27
        case .mimeDefects: 28
        case .ackConfirmed: 29
        }
    }

    /// The 0-based index of the column in a `SELECT` of all columns in order.
    var resultIndex: Int32 { parameterNumber - 1 }

    /// The columns that are columns of the `outcome` table (all but `ack_confirmed`, which is
    /// derived from the `pending_ack` table).
    static let stored: [OutcomeColumn] = allCases.filter { $0 != .ackConfirmed }

    /// The select list of every column in order, for a query `FROM outcome`.
    static let selectList = stored.map(\.rawValue).joined(separator: ", ")
        + ", NOT EXISTS (SELECT 1 FROM pending_ack WHERE pending_ack.ticket_id = outcome.ticket_id) AS ack_confirmed"
}
