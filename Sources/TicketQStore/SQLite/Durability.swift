/// How hard a commit works to survive an operating-system crash or a power loss
/// (`PRAGMA synchronous`, always in WAL mode).
public enum Durability: String, Sendable, Hashable, CaseIterable {
    /// `synchronous=FULL`: every commit fsyncs the write-ahead log before it returns, so a
    /// committed transaction survives a process crash, an OS crash and a power loss (provided the
    /// storage honours fsync). The default: outcomes are acknowledged to Redis only after the
    /// commit returns, so the commit must be the durable record. Group commits amortise the fsync.
    case full

    /// `synchronous=NORMAL`: commits append to the write-ahead log without fsync; the log is
    /// synced only when it is checkpointed into the database file.
    ///
    /// A commit still survives a crash of the process. **Power-loss window:** after an OS crash or
    /// power loss, every transaction committed since the last checkpoint may roll back: up to the
    /// automatic checkpoint threshold (1000 pages, about 4 MiB of log), or, in time, until the
    /// kernel writes the dirty pages back on its own (about 30 s with Linux defaults). Because a
    /// worker acknowledges the ticket in Redis right after the commit, a rolled-back outcome is a
    /// ticket that is gone from Redis and has no outcome: a lost ticket. Choose it only when that
    /// risk is accepted for speed.
    case normal

    /// The value written to `PRAGMA synchronous`.
    var pragmaValue: String {
        switch self {
        case .full: "FULL"
        case .normal: "NORMAL"
        }
    }

    /// The integer `PRAGMA synchronous` reads back for this setting.
    public var synchronousLevel: Int64 {
        switch self {
        case .full: 2
        case .normal: 1
        }
    }
}
