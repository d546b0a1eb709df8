import TicketQMetrics
import TicketQStore

extension StoreFailureKind {
    /// The kind of a failed store operation, from the primary result code of an ``SQLiteError``
    /// (extended codes such as `SQLITE_IOERR_FSYNC` fold into their primary code).
    public init(classifying error: any Error) {
        guard let error = error as? SQLiteError else {
            self = .other
            return
        }
        if error.isDiskFull {
            self = .full
        } else if error.isReadOnly {
            self = .readOnly
        } else if error.isCorrupt {
            self = .corrupt
        } else if error.isIOError {
            self = .ioError
        } else {
            self = .other
        }
    }
}
