/// A failure of the store that is not an SQLite result code: a missing file, a schema this code
/// cannot use, a stored value it cannot read, or a writer that was already closed.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A read-only open found no database file at `path` (nothing was created).
    case databaseNotFound(path: String)
    /// The file's schema version is newer than any this code knows: a newer release wrote it.
    case schemaTooNew(path: String, found: Int, newestKnown: Int)
    /// A read-only open found a schema older than the current one, which it may not migrate.
    case schemaOutdated(path: String, found: Int, required: Int)
    /// The migration list is not numbered 1, 2, 3, … in order.
    case invalidMigrationOrder(versions: [Int])
    /// A stored column holds a value the record type cannot represent.
    case invalidStoredValue(column: String, value: String, ticketID: String)
    /// An outcome was refused before it was written.
    case invalidRecord(ticketID: String, reason: String)
    /// The outcome writer was closed before the operation could run.
    case writerClosed(path: String)

    /// A one-line description naming what was wrong and where.
    public var description: String {
        switch self {
        case .databaseNotFound(let path):
            "outcome store not found: \(path) (opened read-only, so it was not created)"
        case .schemaTooNew(let path, let found, let newestKnown):
            "outcome store \(path) has schema version \(found), newer than the newest this program knows (\(newestKnown)); upgrade ticketq"
        case .schemaOutdated(let path, let found, let required):
            "outcome store \(path) has schema version \(found) but version \(required) is required; open it read-write once (start a worker) to migrate it"
        case .invalidMigrationOrder(let versions):
            "schema migrations must be numbered 1, 2, 3, … in order; got \(versions)"
        case .invalidStoredValue(let column, let value, let ticketID):
            "outcome of ticket \(ticketID) has an invalid \(column) value \"\(value)\""
        case .invalidRecord(let ticketID, let reason):
            "outcome of ticket \"\(ticketID)\" refused: \(reason)"
        case .writerClosed(let path):
            "the outcome writer for \(path) is closed"
        }
    }
}
