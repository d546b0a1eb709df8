import CSQLite

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to an SQLite database file.
///
/// Deliberately not `Sendable`: a connection belongs to the thread (or actor) that opened it.
/// Write connections are put in WAL mode with the configured `synchronous` level, a busy timeout
/// and a journal size limit. Write transactions go through ``immediateTransaction(_:)``, which
/// takes the write lock up front (`BEGIN IMMEDIATE`) and retries busy failures.
public final class SQLiteDatabase {
    /// The database file.
    public let path: String
    /// Whether the connection may write.
    public let mode: SQLiteOpenMode
    /// The settings the connection was opened with.
    public let configuration: SQLiteConfiguration
    /// How many times a busy failure made a transaction or set-up step run again.
    public private(set) var busyRetryCount = 0

    let handle: OpaquePointer
    private var statementCache: [String: SQLiteStatement] = [:]
    private static let statementCacheLimit = 128

    /// Opens (and in `.readWriteCreate` mode creates and configures) the database at `path`.
    ///
    /// - Throws: ``StoreError/databaseNotFound(path:)`` when a read-only open finds no file;
    ///   ``SQLiteError`` for anything SQLite refuses.
    public init(path: String, mode: SQLiteOpenMode, configuration: SQLiteConfiguration = SQLiteConfiguration()) throws {
        if mode == .readOnly, !Self.fileExists(path) {
            throw StoreError.databaseNotFound(path: path)
        }
        var flags = SQLITE_OPEN_NOMUTEX
        switch mode {
        case .readWriteCreate: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE
        case .readOnly: flags |= SQLITE_OPEN_READONLY
        }
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = SQLiteError.from(connection: connection, code: code, sql: nil, path: path)
            sqlite3_close_v2(connection)
            if mode == .readOnly, !Self.fileExists(path) {
                throw StoreError.databaseNotFound(path: path)
            }
            throw error
        }
        self.handle = connection
        self.path = path
        self.mode = mode
        self.configuration = configuration
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, Int32(clamping: configuration.busyTimeout.milliseconds))
        if mode == .readWriteCreate {
            try configureForWriting()
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    /// The number of rows the latest INSERT, UPDATE or DELETE changed.
    public var changes: Int { Int(sqlite3_changes64(handle)) }

    /// Whether a transaction is open on this connection.
    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// Runs one or more statements without parameters (schema changes, pragmas).
    public func execute(_ sql: String) throws(SQLiteError) {
        var errorMessage: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &errorMessage)
        guard code == SQLITE_OK else {
            var error = SQLiteError.from(connection: handle, code: code, sql: sql, path: path)
            if let errorMessage {
                error = SQLiteError(
                    code: error.code, extendedCode: error.extendedCode,
                    message: String(cString: errorMessage), sql: sql, path: path
                )
                sqlite3_free(errorMessage)
            }
            throw error
        }
    }

    /// Runs one statement with `bindings` through the statement cache and returns how many rows
    /// it changed.
    @discardableResult
    public func run(_ sql: String, _ bindings: [SQLiteValue] = []) throws(SQLiteError) -> Int {
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        while try statement.step() {}
        return changes
    }

    /// Runs a query through the statement cache, calling `body` for each row.
    public func query(_ sql: String, _ bindings: [SQLiteValue] = [], _ body: (SQLiteRow) throws -> Void) throws {
        let statement = try cachedStatement(sql)
        defer { statement.reset() }
        try statement.bind(bindings)
        try statement.forEachRow(body)
    }

    /// The first column of the first row of a query, as an integer (`nil` for no row or `NULL`).
    public func scalarInt64(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> Int64? {
        var value: Int64?
        var seen = false
        try query(sql, bindings) { row in
            if !seen { value = row.optionalInt64(at: 0) }
            seen = true
        }
        return value
    }

    /// The first column of the first row of a query, as text (`nil` for no row or `NULL`).
    public func scalarString(_ sql: String, _ bindings: [SQLiteValue] = []) throws -> String? {
        var value: String?
        var seen = false
        try query(sql, bindings) { row in
            if !seen { value = row.optionalString(at: 0) }
            seen = true
        }
        return value
    }

    /// A reset statement for `sql` from the connection's cache, compiled on first use.
    ///
    /// The statement stays owned by the cache; reset it when done and do not use it for two
    /// iterations at once (use ``prepare(_:)`` for a private statement).
    public func cachedStatement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        if let statement = statementCache[sql] {
            statement.reset()
            return statement
        }
        let statement = try SQLiteStatement(sql: sql, connection: handle, path: path)
        if statementCache.count >= Self.statementCacheLimit {
            statementCache.removeAll(keepingCapacity: true)
        }
        statementCache[sql] = statement
        return statement
    }

    /// A new statement for `sql` that the caller owns (finalized when released).
    public func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        try SQLiteStatement(sql: sql, connection: handle, path: path)
    }

    /// Runs `body` in a `BEGIN IMMEDIATE` transaction and commits it.
    ///
    /// Taking the write lock at `BEGIN` means the transaction never fails half-way because another
    /// connection wrote first. When SQLite still reports `SQLITE_BUSY`/`SQLITE_LOCKED` (at `BEGIN`,
    /// inside `body` or at `COMMIT`), the transaction is rolled back and `body` runs again after
    /// the ``BusyRetryPolicy`` pause, up to its attempt limit; then the busy error is thrown.
    /// Any other error rolls back and is thrown at once.
    ///
    /// `body` may therefore run more than once: it must only touch this database.
    public func immediateTransaction<Result>(_ body: () throws -> Result) throws -> Result {
        try retryingBusy {
            try execute("BEGIN IMMEDIATE")
            do {
                let result = try body()
                try execute("COMMIT")
                return result
            } catch {
                if isInTransaction {
                    try? execute("ROLLBACK")
                }
                throw error
            }
        }
    }

    /// Runs `body`, running it again after a pause when it fails with a busy error, as
    /// ``immediateTransaction(_:)`` does. For set-up steps that are not transactions.
    public func retryingBusy<Result>(_ body: () throws -> Result) throws -> Result {
        let policy = configuration.busyRetry
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let error as SQLiteError where error.isBusy && attempt < policy.maxAttempts {
                busyRetryCount += 1
                Self.sleep(policy.delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    /// Copies the write-ahead log into the database file (`sqlite3_wal_checkpoint_v2`).
    ///
    /// Run `.truncate` or `.restart` periodically when readers are always present: the automatic
    /// checkpoint is passive and cannot get past an open read transaction, so the log would grow.
    @discardableResult
    public func checkpoint(_ mode: CheckpointMode) throws(SQLiteError) -> CheckpointResult {
        var logFrames: Int32 = 0
        var checkpointedFrames: Int32 = 0
        let code = sqlite3_wal_checkpoint_v2(handle, nil, mode.rawValue, &logFrames, &checkpointedFrames)
        guard code == SQLITE_OK else {
            throw SQLiteError.from(connection: handle, code: code, sql: "checkpoint(\(mode))", path: path)
        }
        return CheckpointResult(logFrames: Int(logFrames), checkpointedFrames: Int(checkpointedFrames))
    }

    private func configureForWriting() throws {
        // Only a new, empty file (before its first table) can take it: pruned space can then be
        // given back step by step (`PRAGMA incremental_vacuum`) instead of by a full VACUUM.
        if try retryingBusy({ try scalarInt64("PRAGMA page_count") }) == 0 {
            try retryingBusy { try execute("PRAGMA auto_vacuum=INCREMENTAL") }
        }
        let journalMode = try retryingBusy { try scalarString("PRAGMA journal_mode=WAL") }
        guard journalMode == "wal" || path == ":memory:" else {
            throw SQLiteError(
                code: SQLITE_ERROR, extendedCode: SQLITE_ERROR,
                message: "could not switch to WAL mode; journal_mode is \(journalMode ?? "unknown")",
                sql: "PRAGMA journal_mode=WAL", path: path
            )
        }
        try retryingBusy {
            try execute("PRAGMA synchronous=\(configuration.durability.pragmaValue)")
            try execute("PRAGMA journal_size_limit=\(configuration.journalSizeLimitBytes)")
        }
    }

    private static func fileExists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    private static func sleep(_ duration: Duration) {
        let nanoseconds = max(duration.nanoseconds, 0)
        var request = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR {
            request = remaining
        }
    }
}
