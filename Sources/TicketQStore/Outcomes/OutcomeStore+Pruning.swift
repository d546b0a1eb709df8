import CSQLite

/// Retention: deleting settled outcomes past an age, and giving their space back.
extension OutcomeStore {
    /// Deletes settled outcomes (ack confirmed, or superseded) completed before `cutoff`.
    ///
    /// Walks the table in store order, `batchSize` rows per `BEGIN IMMEDIATE` transaction, so a
    /// worker writing to the same file waits for one short batch at most. An outcome whose ack
    /// is still pending is never deleted: its worker has yet to settle it.
    ///
    /// - Parameters:
    ///   - cutoff: epoch milliseconds; outcomes completed at or after it stay.
    ///   - export: given each batch's doomed outcomes inside its transaction, before they are
    ///     deleted; when it throws, that batch is rolled back and the error ends the prune.
    public func prune(
        completedBefore cutoff: Int64, batchSize: Int = 1000, export: (([OutcomeRecord]) throws -> Void)? = nil
    ) throws -> PruneResult {
        let rowidIndex = Int32(OutcomeColumn.allCases.count)
        let select = "SELECT \(OutcomeColumn.selectList), outcome.rowid FROM outcome WHERE outcome.rowid > ?1 ORDER BY outcome.rowid LIMIT ?2"
        var result = PruneResult()
        var lastRowid: Int64 = 0
        var more = true
        while more {
            try database.immediateTransaction {
                var doomed: [(rowid: Int64, record: OutcomeRecord)] = []
                var seen = 0
                try database.query(select, [.integer(lastRowid), .integer(Int64(max(1, batchSize)))]) { row in
                    seen += 1
                    lastRowid = row.int64(at: rowidIndex)
                    let record = try OutcomeRecord(row: row)
                    guard record.completedAt < cutoff else { return }
                    if record.ackConfirmed || record.status == .superseded {
                        doomed.append((lastRowid, record))
                    } else {
                        result.keptUnconfirmed += 1
                    }
                }
                more = seen == max(1, batchSize)
                guard !doomed.isEmpty else { return }
                try export?(doomed.map(\.record))
                let delete = try database.cachedStatement("DELETE FROM outcome WHERE rowid = ?1")
                for item in doomed {
                    try delete.bind([.integer(item.rowid)])
                    while try delete.step() {}
                    delete.reset()
                }
                result.deleted += doomed.count
                result.transactions += 1
            }
        }
        return result
    }

    /// Whether freed pages can be given back to the file system step by step
    /// (`auto_vacuum = INCREMENTAL`, the mode of stores created by this release).
    public var vacuumsIncrementally: Bool {
        get throws { try database.scalarInt64("PRAGMA auto_vacuum") == 2 }
    }

    /// Pages that are free inside the file.
    public func freePages() throws -> Int {
        Int(try database.scalarInt64("PRAGMA freelist_count") ?? 0)
    }

    /// Gives up to `pages` free pages back to the file system (incremental mode only); a short
    /// write transaction per step, so writers are not held up.
    public func releaseFreePages(step pages: Int = 256) throws {
        while try freePages() > 0 {
            try database.retryingBusy { try database.execute("PRAGMA incremental_vacuum(\(max(1, pages)))") }
        }
    }

    /// Rewrites the whole file (`VACUUM`), switching it to incremental vacuuming: a one-time
    /// cost for stores created before it was the default, during which writers wait.
    public func vacuumFully() throws {
        try database.retryingBusy {
            try database.execute("PRAGMA auto_vacuum = INCREMENTAL")
            try database.execute("VACUUM")
        }
    }
}
