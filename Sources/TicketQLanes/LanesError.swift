import TicketQRedis

/// Failures of lane operations beyond the Redis client's own errors.
public enum LanesError: Error, Sendable, CustomStringConvertible {
    /// Redis answered in a shape the script does not produce (a version mismatch or a bug).
    case unexpectedReply(operation: String, reply: String)
    /// A Redis error.
    case redis(RedisError)
    /// The deployment marker is missing: Redis lost its data (or the deployment was never
    /// initialised), so nothing was written.
    case deploymentMissing
    /// A deployment marker exists but cannot be read.
    case deploymentUnreadable(DeploymentRecordError)
    /// Redis does not hold this build's version of the function library (`function` is the
    /// function that was missing): it holds none, or another version.
    case libraryNotLoaded(function: String)
    /// A retention policy exists but cannot be read.
    case retentionUnreadable(RetentionPolicyError)
    /// A record Redis keeps (a brand's high-volume history, for one) cannot be read.
    case recordUnreadable(StoredRecordError)
    /// The deployment keeps its tickets in the layout of an earlier release; `ticketq migrate`
    /// converts them, and nothing is written until it has.
    case migrationNeeded
    /// The process addressed a deployment with another partition count than the one it was
    /// created with (it read the count before the deployment was created); the message says which.
    case partitionsMismatch(String)
    /// A deployment was asked for with a partition count other than the one it was created with.
    case partitionCountFixed(stored: Int, requested: Int)

    /// The server error code the lane functions answer with when a process addressed a
    /// deployment of several partitions as one.
    static let partitionsMismatchCode = "TQPARTITIONS"

    /// The server error code the lane functions answer with when the tickets are in an earlier layout.
    static let migrationNeededCode = "TQMIGRATE"

    /// The server error code the lane scripts answer with when the marker is missing.
    static let deploymentMissingCode = "TQNODEPLOYMENT"

    public var description: String {
        switch self {
        case let .unexpectedReply(operation, reply): return "\(operation): unexpected reply from Redis: \(reply.prefix(200))"
        case let .redis(error): return error.description
        case .deploymentMissing: return DeploymentAdvice.missingMarker
        case let .deploymentUnreadable(error): return error.description
        case let .retentionUnreadable(error): return error.description
        case let .recordUnreadable(error): return error.description
        case let .partitionsMismatch(message): return message
        case let .partitionCountFixed(stored, requested):
            return "the deployment has \(stored) partition\(stored == 1 ? "" : "s") (stored in Redis, fixed when it was created); "
                + "it cannot be changed to \(requested)"
        case .migrationNeeded:
            return "the deployment keeps its tickets in the layout of an earlier release (a payload hash and a meta hash); "
                + "run `ticketq migrate` (as a Redis user allowed to load functions) to move them into ticket records"
        case let .libraryNotLoaded(function):
            return "Redis has no function \(function): this release needs version \(LaneLibrary.version) of the "
                + "\(LaneLibrary.name) function library; run `ticketq migrate` (as a Redis user allowed to load functions) "
                + "to load it"
        }
    }
}
