/// Errors raised by ``RedisExecutor`` itself (as opposed to the Redis work it runs).
public enum RedisExecutorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The executor was shut down before the work could start.
    case shutDown

    /// A message for people, naming what went wrong.
    public var description: String {
        switch self {
        case .shutDown: return "the Redis executor is shut down"
        }
    }
}
