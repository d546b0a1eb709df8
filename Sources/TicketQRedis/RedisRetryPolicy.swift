/// How often ``RedisClient`` and ``RedisExecutor`` try again after a connection-level error.
///
/// Only work the caller declares idempotent is run a second time: a command whose connection broke may or may
/// not have been applied by the server.
public struct RedisRetryPolicy: Sendable, Hashable {
    /// The total number of attempts, the first included (at least 1).
    public let maxAttempts: Int
    /// Whether the work itself is repeated after a connection error, or only the connect is retried.
    public let repeatsWork: Bool

    /// Creates a policy.
    /// - Parameters:
    ///   - maxAttempts: total attempts including the first; values below 1 count as 1.
    ///   - repeatsWork: whether the work may run again after a connection error.
    public init(maxAttempts: Int, repeatsWork: Bool) {
        self.maxAttempts = max(maxAttempts, 1)
        self.repeatsWork = repeatsWork
    }

    /// One attempt: a connect failure or connection error is thrown at once (the next call reconnects).
    public static let never = RedisRetryPolicy(maxAttempts: 1, repeatsWork: false)

    /// Retry connecting (with backoff) up to `maxAttempts` times, but run the work at most once.
    public static func reconnect(maxAttempts: Int) -> RedisRetryPolicy {
        RedisRetryPolicy(maxAttempts: maxAttempts, repeatsWork: false)
    }

    /// Retry connecting and the work itself up to `maxAttempts` times in all; for idempotent work only.
    public static func idempotent(maxAttempts: Int) -> RedisRetryPolicy {
        RedisRetryPolicy(maxAttempts: maxAttempts, repeatsWork: true)
    }
}
