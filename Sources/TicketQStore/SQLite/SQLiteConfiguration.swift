/// Per-connection settings applied when a database is opened.
public struct SQLiteConfiguration: Sendable, Hashable {
    /// The `synchronous` level of write connections; `.full` unless chosen otherwise.
    public var durability: Durability
    /// How long SQLite itself waits for a lock held by another connection (`PRAGMA busy_timeout`).
    public var busyTimeout: Duration
    /// How write transactions are retried when they still meet a busy database.
    public var busyRetry: BusyRetryPolicy
    /// The size the write-ahead log is truncated to after a checkpoint (`PRAGMA journal_size_limit`).
    public var journalSizeLimitBytes: Int64

    /// Creates a configuration; the defaults are the durable ones.
    public init(
        durability: Durability = .full,
        busyTimeout: Duration = .seconds(5),
        busyRetry: BusyRetryPolicy = BusyRetryPolicy(),
        journalSizeLimitBytes: Int64 = 64 * 1024 * 1024
    ) {
        self.durability = durability
        self.busyTimeout = busyTimeout
        self.busyRetry = busyRetry
        self.journalSizeLimitBytes = journalSizeLimitBytes
    }
}
