import TicketQStore

/// One outcome row of a worker's store as both audits read it: a run's books (``OutcomeAudit``)
/// and an operator's `ticketq-load audit` (``DeploymentAudit``).
///
/// A row whose acknowledgement its worker has not confirmed yet (`pending_ack`) is not settled:
/// a worker killed after its commit settles it at its next start, and supersedes it when the
/// ticket was redelivered meanwhile. So an unsettled row counts a ticket as handled but never
/// makes it a duplicate, and a superseded row counts neither way.
struct AuditedOutcome {
    var ticketID: String
    var status: String
    /// The deliveries of the ticket up to and including this outcome's.
    var attempts: Int64
    /// When the delivery of this outcome was claimed, ms since the epoch on Redis's clock.
    var startedAtMillis: Int64
    /// False while the worker has not confirmed the acknowledgement.
    var settled: Bool

    /// Whether a later delivery's outcome replaced this one.
    var isSuperseded: Bool { status == OutcomeStatus.superseded.rawValue }

    private static let select = """
        SELECT ticket_id, status, attempts, started_at, pending_ack.ticket_id IS NULL
        FROM outcome LEFT JOIN pending_ack USING (ticket_id)
        """

    /// Calls `body` with every outcome row of the store at `path`, opened read-only.
    /// - Throws: when the store cannot be opened or read.
    static func forEach(inStore path: String, _ body: (AuditedOutcome) throws -> Void) throws {
        let database = try SQLiteDatabase(path: path, mode: .readOnly)
        try database.query(select) { row in
            try body(AuditedOutcome(
                ticketID: row.string(at: 0), status: row.string(at: 1), attempts: row.int64(at: 2),
                startedAtMillis: row.int64(at: 3), settled: row.int64(at: 4) != 0
            ))
        }
    }
}
