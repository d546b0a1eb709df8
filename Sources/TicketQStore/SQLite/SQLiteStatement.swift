import CSQLite

/// A prepared statement of one connection; as confined as the connection that made it.
///
/// Bind parameters (1-based), then `step()` until it returns `false`; `reset()` makes it
/// reusable. Statements from the connection's cache are reset before they are handed out.
public final class SQLiteStatement {
    /// The SQL text the statement was compiled from.
    public let sql: String
    let handle: OpaquePointer
    private let connection: OpaquePointer
    private let path: String

    init(sql: String, connection: OpaquePointer, path: String) throws(SQLiteError) {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw SQLiteError.from(connection: connection, code: code, sql: sql, path: path)
        }
        self.sql = sql
        self.handle = statement
        self.connection = connection
        self.path = path
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `value` to the parameter at `index` (1-based).
    public func bind(_ value: SQLiteValue, at index: Int32) throws(SQLiteError) {
        let code: Int32
        switch value {
        case .integer(let integer):
            code = sqlite3_bind_int64(handle, index, integer)
        case .real(let real):
            code = sqlite3_bind_double(handle, index, real)
        case .text(let text):
            code = sqlite3_bind_text(handle, index, text, Int32(text.utf8.count), sqliteTransient)
        case .blob(let bytes):
            if bytes.isEmpty {
                code = sqlite3_bind_zeroblob(handle, index, 0)
            } else {
                code = bytes.withUnsafeBytes { buffer in
                    sqlite3_bind_blob(handle, index, buffer.baseAddress, Int32(buffer.count), sqliteTransient)
                }
            }
        case .null:
            code = sqlite3_bind_null(handle, index)
        }
        guard code == SQLITE_OK else { throw failure(code) }
    }

    /// Binds `values` to parameters 1, 2, 3, … in order.
    public func bind(_ values: [SQLiteValue]) throws(SQLiteError) {
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Runs the statement one step: `true` when a row is ready to read, `false` when done.
    @discardableResult
    public func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw failure(code)
        }
    }

    /// The current row; valid until the next `step()` or `reset()`.
    public var row: SQLiteRow { SQLiteRow(statement: handle) }

    /// Rewinds the statement and clears its bindings so it can run again.
    public func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Steps through every row, calling `body` for each.
    public func forEachRow(_ body: (SQLiteRow) throws -> Void) throws {
        while try step() {
            try body(row)
        }
    }

    private func failure(_ code: Int32) -> SQLiteError {
        SQLiteError.from(connection: connection, code: code, sql: sql, path: path)
    }
}

/// SQLite's `SQLITE_TRANSIENT` destructor (the macro is a cast and is not imported): it makes
/// SQLite copy bound text and blobs before the call returns.
let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

extension SQLiteError {
    /// The error for `code`, with the connection's current message.
    static func from(connection: OpaquePointer?, code: Int32, sql: String?, path: String) -> SQLiteError {
        let message: String
        if let connection, let text = sqlite3_errmsg(connection) {
            message = String(cString: text)
        } else {
            message = String(cString: sqlite3_errstr(code))
        }
        let extended = connection.map { sqlite3_extended_errcode($0) } ?? code
        // The connection's extended code belongs to the latest failure; keep it only if it matches.
        let extendedCode = extended & 0xFF == code & 0xFF ? extended : code
        return SQLiteError(code: code & 0xFF, extendedCode: extendedCode, message: message, sql: sql, path: path)
    }
}
