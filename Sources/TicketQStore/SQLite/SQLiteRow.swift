import CSQLite

/// Read access to the current row of a statement, by 0-based column index.
///
/// Only valid until the statement steps again; copy the values out, never keep the row.
public struct SQLiteRow {
    private let statement: OpaquePointer

    init(statement: OpaquePointer) {
        self.statement = statement
    }

    /// The number of columns in the row.
    public var columnCount: Int32 { sqlite3_column_count(statement) }

    /// The declared or derived name of column `index`.
    public func name(at index: Int32) -> String {
        sqlite3_column_name(statement, index).map { String(cString: $0) } ?? ""
    }

    /// Whether column `index` is `NULL`.
    public func isNull(at index: Int32) -> Bool {
        sqlite3_column_type(statement, index) == SQLITE_NULL
    }

    /// Column `index` as an integer (`NULL` reads as 0).
    public func int64(at index: Int32) -> Int64 {
        sqlite3_column_int64(statement, index)
    }

    /// Column `index` as an integer, or `nil` when it is `NULL`.
    public func optionalInt64(at index: Int32) -> Int64? {
        isNull(at: index) ? nil : int64(at: index)
    }

    /// Column `index` as a float (`NULL` reads as 0).
    public func double(at index: Int32) -> Double {
        sqlite3_column_double(statement, index)
    }

    /// Column `index` as a boolean: any non-zero integer is `true`.
    public func bool(at index: Int32) -> Bool {
        int64(at: index) != 0
    }

    /// Column `index` as a boolean, or `nil` when it is `NULL`.
    public func optionalBool(at index: Int32) -> Bool? {
        isNull(at: index) ? nil : bool(at: index)
    }

    /// Column `index` as text (`NULL` reads as the empty string).
    public func string(at index: Int32) -> String {
        guard let text = sqlite3_column_text(statement, index) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
    }

    /// Column `index` as text, or `nil` when it is `NULL`.
    public func optionalString(at index: Int32) -> String? {
        isNull(at: index) ? nil : string(at: index)
    }

    /// Column `index` as raw bytes (`NULL` reads as no bytes).
    public func blob(at index: Int32) -> [UInt8] {
        guard let bytes = sqlite3_column_blob(statement, index) else { return [] }
        let count = Int(sqlite3_column_bytes(statement, index))
        return Array(UnsafeRawBufferPointer(start: bytes, count: count))
    }
}
