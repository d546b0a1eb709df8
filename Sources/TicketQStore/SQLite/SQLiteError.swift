import CSQLite

/// A failure reported by SQLite, with the result code, SQLite's message and the SQL that failed.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_BUSY`, `SQLITE_FULL`, …).
    public let code: Int32
    /// The extended result code (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_IOERR_FSYNC`, …).
    public let extendedCode: Int32
    /// SQLite's explanation of the failure.
    public let message: String
    /// The SQL statement that failed, when the failure belongs to one.
    public let sql: String?
    /// The database file the connection was opened on.
    public let path: String

    /// Creates an error from its parts.
    public init(code: Int32, extendedCode: Int32, message: String, sql: String?, path: String) {
        self.code = code
        self.extendedCode = extendedCode
        self.message = message
        self.sql = sql
        self.path = path
    }

    /// Whether another connection holding a lock caused the failure, so that retrying may succeed.
    public var isBusy: Bool { code == SQLITE_BUSY || code == SQLITE_LOCKED }

    /// The symbolic name of the primary result code, e.g. `SQLITE_BUSY`.
    public var codeName: String {
        switch code {
        case SQLITE_ERROR: "SQLITE_ERROR"
        case SQLITE_PERM: "SQLITE_PERM"
        case SQLITE_BUSY: "SQLITE_BUSY"
        case SQLITE_LOCKED: "SQLITE_LOCKED"
        case SQLITE_NOMEM: "SQLITE_NOMEM"
        case SQLITE_READONLY: "SQLITE_READONLY"
        case SQLITE_IOERR: "SQLITE_IOERR"
        case SQLITE_CORRUPT: "SQLITE_CORRUPT"
        case SQLITE_FULL: "SQLITE_FULL"
        case SQLITE_CANTOPEN: "SQLITE_CANTOPEN"
        case SQLITE_CONSTRAINT: "SQLITE_CONSTRAINT"
        case SQLITE_MISMATCH: "SQLITE_MISMATCH"
        case SQLITE_NOTADB: "SQLITE_NOTADB"
        default: "SQLite result code \(code)"
        }
    }

    /// A one-line description naming the code, the message, the file and the statement.
    public var description: String {
        var text = "\(codeName) (extended code \(extendedCode)): \(message) [database: \(path)]"
        if let sql {
            text += " [sql: \(sql)]"
        }
        return text
    }
}
