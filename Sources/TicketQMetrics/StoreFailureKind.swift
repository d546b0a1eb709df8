/// Why the outcome store refused a commit: the label values of
/// `ticketq_store_commit_failures_total{kind}`, derived from SQLite's primary result code.
public enum StoreFailureKind: String, Sendable, CaseIterable {
    /// `SQLITE_FULL`: the file system (or a size limit) has no room left.
    case full
    /// `SQLITE_READONLY`: the file or its file system cannot be written.
    case readOnly = "read_only"
    /// `SQLITE_CORRUPT` or `SQLITE_NOTADB`: the file is damaged.
    case corrupt
    /// `SQLITE_IOERR`: the operating system reported an I/O error (a failed write or fsync).
    case ioError = "io_error"
    /// Anything else (another result code, or a failure that is not SQLite's).
    case other

    /// The SQLite result code the kind stands for, as operators search for it in logs.
    public var sqliteName: String {
        switch self {
        case .full: "SQLITE_FULL"
        case .readOnly: "SQLITE_READONLY"
        case .corrupt: "SQLITE_CORRUPT"
        case .ioError: "SQLITE_IOERR"
        case .other: "other"
        }
    }
}
