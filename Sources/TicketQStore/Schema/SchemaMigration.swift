/// One step of a database schema: the version it produces and how to get there from the
/// version before it.
public struct SchemaMigration: Sendable {
    /// The `PRAGMA user_version` value after this migration (1 for the first).
    public let version: Int
    /// What the migration changes, for logs and errors.
    public let summary: String
    /// Applies the change; runs inside the migrator's `BEGIN IMMEDIATE` transaction.
    public let apply: @Sendable (SQLiteDatabase) throws -> Void

    /// Creates a migration from a closure.
    public init(version: Int, summary: String, apply: @escaping @Sendable (SQLiteDatabase) throws -> Void) {
        self.version = version
        self.summary = summary
        self.apply = apply
    }

    /// Creates a migration that runs a fixed SQL script.
    public init(version: Int, summary: String, sql: String) {
        self.init(version: version, summary: summary) { database in
            try database.execute(sql)
        }
    }
}
