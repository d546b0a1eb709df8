import Foundation

extension OutcomeStore {
    /// The table a write probe replaces its single row in. It holds no outcome and is created by
    /// the first probe (a store that never failed does not have it).
    public static let probeTable = "store_probe"

    /// Commits a real write, as an outcome commit does: one row of `payloadBytes` random bytes,
    /// replacing the previous probe's, in a `BEGIN IMMEDIATE` transaction synced like every
    /// commit. A full disk, a read-only file or an I/O error fails it with the same
    /// ``SQLiteError`` the outcome commits get (a transaction that is rolled back proves nothing:
    /// it writes nothing to disk).
    ///
    /// The write-ahead log reuses its space after a checkpoint, so on a full file system a probe
    /// can succeed where a larger commit would not: see ``availableBytes(forFileAt:)``.
    public func probeWrite(payloadBytes: Int = 64 * 1024) throws {
        try database.immediateTransaction {
            try database.execute(
                "CREATE TABLE IF NOT EXISTS \(Self.probeTable) (id INTEGER PRIMARY KEY, probed_at INTEGER NOT NULL, payload BLOB NOT NULL)"
            )
            _ = try database.run(
                "INSERT OR REPLACE INTO \(Self.probeTable) (id, probed_at, payload) VALUES (1, ?, randomblob(?))",
                [.integer(Int64(Date().timeIntervalSince1970 * 1000)), .integer(Int64(payloadBytes))]
            )
        }
    }

    /// Bytes an unprivileged writer may still allocate on the file system holding `path`
    /// (`statvfs`), or `nil` when that cannot be read.
    public static func availableBytes(forFileAt path: String) -> UInt64? {
        let directory = (path as NSString).deletingLastPathComponent
        var info = statvfs()
        guard statvfs(directory.isEmpty ? "." : directory, &info) == 0 else { return nil }
        return UInt64(info.f_bavail) * UInt64(info.f_frsize)
    }
}
