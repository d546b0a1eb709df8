import TicketQRedis

/// Failures of lane operations beyond the Redis client's own errors.
public enum LanesError: Error, Sendable, CustomStringConvertible {
    /// Redis answered in a shape the script does not produce (a version mismatch or a bug).
    case unexpectedReply(operation: String, reply: String)
    /// A Redis error.
    case redis(RedisError)

    public var description: String {
        switch self {
        case let .unexpectedReply(operation, reply): return "\(operation): unexpected reply from Redis: \(reply.prefix(200))"
        case let .redis(error): return error.description
        }
    }
}
