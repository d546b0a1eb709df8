import CSQLite

/// How far a WAL checkpoint goes (`SQLITE_CHECKPOINT_*`).
public enum CheckpointMode: Sendable, Hashable, CustomStringConvertible {
    /// Copy what can be copied without waiting for readers or writers.
    case passive
    /// Wait for writers, then copy the whole log.
    case full
    /// Like `.full`, then wait until readers have left the log so it restarts from the beginning.
    case restart
    /// Like `.restart`, then truncate the log file to zero bytes.
    case truncate

    var rawValue: Int32 {
        switch self {
        case .passive: SQLITE_CHECKPOINT_PASSIVE
        case .full: SQLITE_CHECKPOINT_FULL
        case .restart: SQLITE_CHECKPOINT_RESTART
        case .truncate: SQLITE_CHECKPOINT_TRUNCATE
        }
    }

    /// The mode's name in lower case.
    public var description: String {
        switch self {
        case .passive: "passive"
        case .full: "full"
        case .restart: "restart"
        case .truncate: "truncate"
        }
    }
}
