/// Errors raised by ``RedisConnection``, ``RedisClient`` and ``RedisExecutor``.
public enum RedisError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No connection could be established to `endpoint` (refused, unreachable, name not resolved, connect timeout).
    case connectionFailed(endpoint: String, reason: String)
    /// An established connection was lost (closed by the server, reset) or was already closed locally.
    case connectionClosed(reason: String)
    /// The server did not answer within the command timeout. The connection is unusable afterwards.
    case timeout(String)
    /// The server answered with an error reply.
    case server(RedisServerError)
    /// The bytes from the server were not valid RESP, or a reply had an unexpected shape.
    case protocolError(String)
    /// `AUTH` was rejected, or credentials are incomplete.
    case authenticationFailed(String)
    /// The command cannot be sent as given (for example an empty argument list). The connection stays usable.
    case invalidCommand(String)

    /// Whether the connection that raised the error is broken and must be replaced before the next command.
    public var isConnectionError: Bool {
        switch self {
        case .connectionFailed, .connectionClosed, .timeout, .protocolError:
            return true
        case .server, .authenticationFailed, .invalidCommand:
            return false
        }
    }

    /// Whether the server refused the credentials (`AUTH` rejected, `WRONGPASS`) or wants some
    /// (`NOAUTH`): retrying cannot help until the URL or the password changes.
    public var isAuthenticationFailure: Bool {
        switch self {
        case .authenticationFailed: return true
        case .server(let error): return error.code == "NOAUTH" || error.code == "WRONGPASS"
        default: return false
        }
    }

    /// The server error, for ``server(_:)``.
    public var serverError: RedisServerError? {
        if case .server(let error) = self { return error }
        return nil
    }

    /// A message for people, naming what went wrong.
    public var description: String {
        switch self {
        case .connectionFailed(let endpoint, let reason):
            return "cannot connect to Redis at \(endpoint): \(reason)"
        case .connectionClosed(let reason):
            return "Redis connection closed: \(reason)"
        case .timeout(let operation):
            return "Redis did not answer in time: \(operation)"
        case .server(let error):
            return "Redis error: \(error.message)"
        case .protocolError(let detail):
            return "Redis protocol error: \(detail)"
        case .authenticationFailed(let detail):
            return "Redis authentication failed: \(detail)"
        case .invalidCommand(let detail):
            return "invalid Redis command: \(detail)"
        }
    }
}
