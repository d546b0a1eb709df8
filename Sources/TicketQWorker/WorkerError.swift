/// Why a worker cannot start or had to stop.
public enum WorkerError: Error, Sendable, CustomStringConvertible {
    /// Another live process already uses this worker id.
    case idInUse(String)
    /// Redis could not be reached or refused an operation at start-up.
    case redisUnavailable(String)
    /// The outcome store could not be opened.
    case storeUnavailable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .idInUse(id): return "another live worker already uses the id \"\(id)\"; give this one a different --id"
        case let .redisUnavailable(reason): return "Redis is unavailable: \(reason)"
        case let .storeUnavailable(path, reason): return "cannot open the outcome store \(path): \(reason)"
        }
    }
}
