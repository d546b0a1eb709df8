/// Brings a database to the newest schema version, with `PRAGMA user_version` as the version.
///
/// Safe when several processes open a brand-new file at the same moment: the version is read,
/// and if work is needed the migrations run inside `BEGIN IMMEDIATE`, which re-reads the version
/// after taking the write lock, so only the first process migrates and the others find the work
/// done. A file whose version is newer than the newest migration is refused.
public struct SchemaMigrator: Sendable {
    /// The migrations, numbered 1, 2, 3, … in order.
    public let migrations: [SchemaMigration]

    /// Creates a migrator.
    ///
    /// - Throws: ``StoreError/invalidMigrationOrder(versions:)`` unless the versions are 1, 2, 3, ….
    public init(migrations: [SchemaMigration]) throws {
        let versions = migrations.map(\.version)
        guard versions.enumerated().allSatisfy({ $0.element == $0.offset + 1 }) else {
            throw StoreError.invalidMigrationOrder(versions: versions)
        }
        self.migrations = migrations
    }

    /// The version the newest migration produces (0 when there are none).
    public var latestVersion: Int { migrations.last?.version ?? 0 }

    /// The database's current schema version.
    public static func version(of database: SQLiteDatabase) throws -> Int {
        let version = try database.retryingBusy { try database.scalarInt64("PRAGMA user_version") }
        return Int(version ?? 0)
    }

    /// Applies every migration newer than the database's version and returns how many ran.
    ///
    /// - Throws: ``StoreError/schemaTooNew(path:found:newestKnown:)`` for a newer file;
    ///   ``SQLiteError`` when a migration fails (the transaction is rolled back).
    @discardableResult
    public func migrate(_ database: SQLiteDatabase) throws -> Int {
        let observed = try Self.version(of: database)
        try checkNotTooNew(observed, in: database)
        guard observed < latestVersion else { return 0 }
        return try database.immediateTransaction {
            let current = try Self.version(of: database)
            try checkNotTooNew(current, in: database)
            let pending = migrations.filter { $0.version > current }
            for migration in pending {
                try migration.apply(database)
            }
            if !pending.isEmpty {
                try database.execute("PRAGMA user_version=\(latestVersion)")
            }
            return pending.count
        }
    }

    /// Checks, without writing, that the database is exactly at the newest version.
    ///
    /// - Throws: ``StoreError/schemaTooNew(path:found:newestKnown:)`` or
    ///   ``StoreError/schemaOutdated(path:found:required:)``.
    public func verifyCurrent(_ database: SQLiteDatabase) throws {
        let version = try Self.version(of: database)
        try checkNotTooNew(version, in: database)
        guard version == latestVersion else {
            throw StoreError.schemaOutdated(path: database.path, found: version, required: latestVersion)
        }
    }

    private func checkNotTooNew(_ version: Int, in database: SQLiteDatabase) throws {
        guard version <= latestVersion else {
            throw StoreError.schemaTooNew(path: database.path, found: version, newestKnown: latestVersion)
        }
    }
}
