/// The durable store of ticket outcomes: one SQLite file, one row per ticket.
///
/// Not `Sendable`: an instance owns one connection and belongs to the thread that opened it.
/// Async code should write through an ``OutcomeWriter``, which keeps the store on a dedicated
/// thread so commits (and their fsyncs) never block Swift's cooperative pool.
///
/// Several processes may share one file; every write is a `BEGIN IMMEDIATE` transaction with
/// busy retries, and opening migrates the schema safely even when several processes open a new
/// file at the same moment.
///
/// The ack protocol it supports: a worker commits outcomes (they start with a pending ack), then
/// acks the tickets in Redis, then confirms the acks that Redis accepted (``confirmAcks(_:)``,
/// or with the next group commit through ``commit(_:confirmingAcks:)``). Rows whose ack Redis
/// rejected, and at start-up rows still pending from before a crash that Redis no longer holds
/// for this delivery (``unconfirmedOutcomes(worker:olderThan:limit:)``), are marked
/// ``OutcomeStatus/superseded`` with ``markSuperseded(_:)``. Both operations are fenced, so they
/// only touch the row version of that delivery.
public final class OutcomeStore {
    /// The migrations of the outcome schema.
    public static let migrator: SchemaMigrator = {
        do {
            return try SchemaMigrator(migrations: OutcomeSchema.migrations)
        } catch {
            fatalError("the outcome schema migrations are misnumbered: \(error)")
        }
    }()

    /// The store's connection, for maintenance such as ``SQLiteDatabase/checkpoint(_:)``.
    public let database: SQLiteDatabase

    /// The database file.
    public var path: String { database.path }

    /// Opens the store at `path`.
    ///
    /// `.readWriteCreate` creates the file when missing and migrates it to the current schema;
    /// `.readOnly` never creates or changes anything and requires the current schema.
    ///
    /// - Throws: ``StoreError/databaseNotFound(path:)`` (read-only, no file),
    ///   ``StoreError/schemaTooNew(path:found:newestKnown:)``,
    ///   ``StoreError/schemaOutdated(path:found:required:)`` (read-only) or ``SQLiteError``.
    public init(path: String, mode: SQLiteOpenMode = .readWriteCreate, configuration: SQLiteConfiguration = SQLiteConfiguration()) throws {
        database = try SQLiteDatabase(path: path, mode: mode, configuration: configuration)
        switch mode {
        case .readWriteCreate: try Self.migrator.migrate(database)
        case .readOnly: try Self.migrator.verifyCurrent(database)
        }
    }

    // MARK: Writing

    /// Stores a batch of outcomes in one `BEGIN IMMEDIATE` transaction (a group commit) and
    /// reports, per ticket, whether it was inserted, updated or suppressed as a duplicate.
    ///
    /// A ticket has at most one row. When the batch brings an outcome for a ticket that has one:
    /// - a `superseded` row is replaced by any outcome that is not itself `superseded` (that row
    ///   lost to another delivery, and this outcome is the newer claim);
    /// - a row whose ack is not confirmed is replaced by an outcome with a higher fence (Redis
    ///   handed the ticket out again, so the older delivery's ack will be rejected);
    /// - a `dead` row is replaced by a `done` outcome with a higher fence (a dead-lettered ticket
    ///   was requeued and succeeded);
    /// - otherwise the new outcome is a duplicate and is dropped (a redelivery after a crash
    ///   between commit and ack, or a second copy in the same batch).
    ///
    /// A replaced row takes every column of the new outcome, including its `ack_confirmed`.
    /// Every outcome is checked first (non-empty ticket id, no negative attempts); an invalid
    /// one refuses the whole batch before anything is written.
    /// With ``Durability/full`` the rows are on disk when this returns.
    public func insert(batch: [OutcomeRecord]) throws -> InsertResult {
        try insert(batches: [batch])[0]
    }

    /// Stores several batches in a single transaction and reports on each batch separately:
    /// one fsync for all of them. Batches are applied in order, as if concatenated.
    public func insert(batches: [[OutcomeRecord]]) throws -> [InsertResult] {
        try commit(batches, confirmingAcks: []).inserts
    }

    /// One group commit: confirms the acks of earlier outcomes (as ``confirmAcks(_:)``), then
    /// stores the batches (as ``insert(batch:)``), all in one `BEGIN IMMEDIATE` transaction, so
    /// confirmations ride along with the next commit instead of costing an fsync of their own.
    ///
    /// - Throws: ``StoreError/invalidRecord(ticketID:reason:)`` before anything is written when
    ///   an outcome is invalid; ``SQLiteError`` when the transaction fails (nothing is kept).
    public func commit(_ batches: [[OutcomeRecord]], confirmingAcks acks: [[FencedTicket]]) throws -> GroupCommitResult {
        for batch in batches {
            for record in batch {
                try record.validate()
            }
        }
        let hasWork = batches.contains { !$0.isEmpty } || acks.contains { !$0.isEmpty }
        guard hasWork else {
            return GroupCommitResult(inserts: batches.map { _ in InsertResult() }, confirmedAcks: acks.map { _ in 0 })
        }
        return try database.immediateTransaction {
            var result = GroupCommitResult()
            result.confirmedAcks = try acks.map { try confirm($0) }
            result.inserts = try batches.map { try store($0) }
            return result
        }
    }

    /// Records that Redis accepted the acks of these deliveries: clears the pending ack of each
    /// row whose fence matches, in one transaction. Returns how many rows were confirmed.
    @discardableResult
    public func confirmAcks(_ deliveries: [FencedTicket]) throws -> Int {
        guard !deliveries.isEmpty else { return 0 }
        return try database.immediateTransaction { try confirm(deliveries) }
    }

    /// Confirms the acks of these tickets whatever their fence. Prefer ``confirmAcks(_:)``,
    /// which cannot confirm a row a newer delivery wrote.
    @discardableResult
    public func confirmAcks(ticketIDs: [String]) throws -> Int {
        try updateEach(ticketIDs, sql: "DELETE FROM pending_ack WHERE ticket_id = ?1")
    }

    /// Marks the rows of these deliveries `superseded` (their ack was rejected or never
    /// confirmed), each only if its fence still matches, in one transaction. Returns how many
    /// rows changed; count them. A superseded row's ack is settled: it leaves the pending acks.
    @discardableResult
    public func markSuperseded(_ deliveries: [FencedTicket]) throws -> Int {
        guard !deliveries.isEmpty else { return 0 }
        return try database.immediateTransaction {
            var changed = 0
            for delivery in deliveries {
                let marked = try database.run(
                    "UPDATE outcome SET status = 'superseded' WHERE ticket_id = ?1 AND fence = ?2 AND status <> 'superseded'",
                    [.text(delivery.ticketID), .integer(delivery.fence)]
                )
                if marked > 0 {
                    try database.run("DELETE FROM pending_ack WHERE ticket_id = ?1", [.text(delivery.ticketID)])
                }
                changed += marked
            }
            return changed
        }
    }

    /// Marks the rows of these tickets `superseded` whatever their fence. Prefer
    /// ``markSuperseded(_:)``, which cannot supersede a row a newer delivery wrote.
    @discardableResult
    public func markSuperseded(ticketIDs: [String]) throws -> Int {
        try markSuperseded(try ticketIDs.compactMap { id in try get(ticketID: id).map { FencedTicket(ticketID: id, fence: $0.fence) } })
    }

    // MARK: Reading

    /// Rows (not `superseded`) whose ack is still unconfirmed and that completed before
    /// `olderThan` (epoch milliseconds), oldest first; optionally only those of one worker.
    ///
    /// At start-up a worker checks its own rows; after a crash between commit and ack they are
    /// the outcomes whose fate in Redis is unknown.
    public func unconfirmedOutcomes(worker: String? = nil, olderThan: Int64, limit: Int? = nil) throws -> [UnconfirmedOutcome] {
        var sql = """
            SELECT outcome.ticket_id, outcome.fence, outcome.worker, outcome.status, outcome.completed_at
            FROM pending_ack JOIN outcome ON outcome.ticket_id = pending_ack.ticket_id
            WHERE outcome.status <> 'superseded' AND outcome.completed_at < ?
            """
        var bindings: [SQLiteValue] = [.integer(olderThan)]
        if let worker {
            sql += " AND outcome.worker = ?"
            bindings.append(.text(worker))
        }
        sql += " ORDER BY outcome.completed_at, outcome.rowid"
        if let limit {
            sql += " LIMIT ?"
            bindings.append(.integer(Int64(max(limit, 0))))
        }
        var outcomes: [UnconfirmedOutcome] = []
        try database.query(sql, bindings) { row in
            let ticketID = row.string(at: 0)
            let statusText = row.string(at: 3)
            guard let status = OutcomeStatus(rawValue: statusText) else {
                throw StoreError.invalidStoredValue(column: OutcomeColumn.status.rawValue, value: statusText, ticketID: ticketID)
            }
            outcomes.append(UnconfirmedOutcome(
                ticketID: ticketID, fence: row.int64(at: 1), worker: row.string(at: 2),
                status: status, completedAt: row.int64(at: 4)
            ))
        }
        return outcomes
    }

    /// The outcome row of one ticket, whatever its status, or `nil`.
    public func get(ticketID: String) throws -> OutcomeRecord? {
        var record: OutcomeRecord?
        try database.query("SELECT \(OutcomeColumn.selectList) FROM outcome WHERE ticket_id = ?", [.text(ticketID)]) { row in
            record = try OutcomeRecord(row: row)
        }
        return record
    }

    /// Calls `body` for each outcome matching `query`, in store order, one row at a time,
    /// so a listing of millions of rows never sits in memory.
    ///
    /// The iteration is one read transaction: keep `body` quick, since an open reader holds
    /// back WAL checkpoints.
    public func forEach(matching query: OutcomeQuery, _ body: (OutcomeRecord) throws -> Void) throws {
        let (sql, bindings) = query.sql
        let statement = try database.prepare(sql)
        try statement.bind(bindings)
        while try statement.step() {
            try body(try OutcomeRecord(row: statement.row))
        }
    }

    /// The outcomes matching `query` as an array; for small results (set ``OutcomeQuery/limit``).
    public func records(matching query: OutcomeQuery) throws -> [OutcomeRecord] {
        var records: [OutcomeRecord] = []
        try forEach(matching: query) { records.append($0) }
        return records
    }

    /// How many rows have each status; every status is present, zero when there are none.
    public func countByStatus() throws -> [String: Int] {
        var counts = Dictionary(uniqueKeysWithValues: OutcomeStatus.allCases.map { ($0.rawValue, 0) })
        try database.query("SELECT status, COUNT(*) FROM outcome GROUP BY status") { row in
            counts[row.string(at: 0), default: 0] = Int(row.int64(at: 1))
        }
        return counts
    }

    // MARK: SQL

    /// Stores one batch inside the caller's transaction.
    private func store(_ batch: [OutcomeRecord]) throws -> InsertResult {
        var result = InsertResult()
        guard !batch.isEmpty else { return result }
        let insert = try database.cachedStatement(Self.insertSQL)
        let replace = try database.cachedStatement(Self.replaceSQL)
        defer {
            insert.reset()
            replace.reset()
        }
        for record in batch {
            insert.reset()
            try record.bind(to: insert)
            try insert.step()
            if database.changes == 1 {
                result.inserted.append(record.ticketID)
                if !record.ackConfirmed {
                    try setPendingAck(for: record)
                }
                continue
            }
            replace.reset()
            try record.bind(to: replace)
            try replace.step()
            if database.changes == 1 {
                result.updated.append(record.ticketID)
                if record.ackConfirmed {
                    try database.run("DELETE FROM pending_ack WHERE ticket_id = ?1", [.text(record.ticketID)])
                } else {
                    try setPendingAck(for: record)
                }
            } else {
                result.duplicates.append(record.ticketID)
            }
        }
        return result
    }

    private func setPendingAck(for record: OutcomeRecord) throws {
        try database.run(
            "INSERT OR REPLACE INTO pending_ack (ticket_id, fence) VALUES (?1, ?2)",
            [.text(record.ticketID), .integer(record.fence)]
        )
    }

    /// Confirms acks inside the caller's transaction.
    private func confirm(_ deliveries: [FencedTicket]) throws -> Int {
        var confirmed = 0
        for delivery in deliveries {
            confirmed += try database.run(
                "DELETE FROM pending_ack WHERE ticket_id = ?1 AND fence = ?2",
                [.text(delivery.ticketID), .integer(delivery.fence)]
            )
        }
        return confirmed
    }

    private func updateEach(_ ticketIDs: [String], sql: String) throws -> Int {
        guard !ticketIDs.isEmpty else { return 0 }
        return try database.immediateTransaction {
            var changed = 0
            for ticketID in ticketIDs {
                changed += try database.run(sql, [.text(ticketID)])
            }
            return changed
        }
    }

    /// Inserts a row unless the ticket has one; parameters are numbered like the columns.
    private static let insertSQL: String = {
        let columns = OutcomeColumn.stored
        let names = columns.map(\.rawValue).joined(separator: ", ")
        let parameters = columns.map { "?\($0.parameterNumber)" }.joined(separator: ", ")
        return "INSERT INTO outcome (\(names)) VALUES (\(parameters)) ON CONFLICT (ticket_id) DO NOTHING"
    }()

    /// Replaces an existing row when the rules of ``insert(batch:)`` allow it.
    private static let replaceSQL: String = {
        let assignments = OutcomeColumn.stored
            .filter { $0 != .ticketID }
            .map { "\($0.rawValue) = ?\($0.parameterNumber)" }
            .joined(separator: ", ")
        let ticketID = "?\(OutcomeColumn.ticketID.parameterNumber)"
        let newStatus = "?\(OutcomeColumn.status.parameterNumber)"
        let newFence = "?\(OutcomeColumn.fence.parameterNumber)"
        return """
            UPDATE outcome SET \(assignments)
            WHERE ticket_id = \(ticketID)
              AND \(newStatus) <> 'superseded'
              AND (status = 'superseded'
                   OR (\(newFence) > fence
                       AND (EXISTS (SELECT 1 FROM pending_ack WHERE pending_ack.ticket_id = \(ticketID))
                            OR (status = 'dead' AND \(newStatus) = 'done'))))
            """
    }()
}
