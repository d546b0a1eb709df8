import TicketQLanes
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
    /// Redis holds no deployment marker: nothing may be written until an operator acts.
    /// `storedOutcomes` is how many outcomes this worker's store already holds (a sign that the
    /// deployment existed and Redis lost its data).
    case deploymentMissing(storedOutcomes: Int)
    /// Redis does not hold this release's version of the function library; an operator must run
    /// `ticketq migrate` (a configuration error: the worker exits with status 78).
    case libraryNotLoaded(LanesError)
    /// The worker stopped without settling everything: its outcome store was failing, or outcomes
    /// were not committed and acknowledged in time after the grace period. The tickets concerned
    /// were handed back to their lanes; the reason says which.
    case stoppedUnsettled(String)

    public var description: String {
        switch self {
        case let .idInUse(id): return "another live worker already uses the id \"\(id)\"; give this one a different --id"
        case let .redisUnavailable(reason): return "Redis is unavailable: \(reason)"
        case let .redisCredentialsRefused(error): return "Redis refused the worker's credentials: \(error)"
        case let .storeUnavailable(path, reason): return "cannot open the outcome store \(path): \(reason)"
        case let .deploymentMissing(stored) where stored > 0:
            return "\(DeploymentAdvice.missingMarker). This worker's outcome store already holds \(stored) outcomes, so the deployment existed: Redis has most likely lost its data"
        case .deploymentMissing:
            return DeploymentAdvice.missingMarker
        case let .libraryNotLoaded(error):
            return error.description
        case let .stoppedUnsettled(reason):
            return "stopped without settling every outcome: \(reason)"
        }
    }
}
