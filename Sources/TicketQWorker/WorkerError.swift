import TicketQRedis

/// Why a worker cannot start or had to stop.
public enum WorkerError: Error, Sendable, CustomStringConvertible {
    /// Another live process already uses this worker id.
    case idInUse(String)
    /// Redis could not be reached or refused an operation at start-up.
    case redisUnavailable(String)
    /// Redis refused the worker's credentials (or asked for some) at start-up; the error is kept
    /// so that the command line can say which option to fix.
    case redisCredentialsRefused(RedisError)
    /// The outcome store could not be opened.
    case storeUnavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .idInUse(id): return "another live worker already uses the id \"\(id)\"; give this one a different --id"
        case let .redisUnavailable(reason): return "Redis is unavailable: \(reason)"
        case let .redisCredentialsRefused(error): return "Redis refused the worker's credentials: \(error)"
        case let .storeUnavailable(path, reason): return "cannot open the outcome store \(path): \(reason)"
        }
    }
}
