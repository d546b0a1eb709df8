/// The label values of `ticketq_redis_errors_total{kind}`.
public enum RedisErrorKind: String, Sendable, CaseIterable {
    /// Connecting failed or the connection was lost.
    case connection
    /// Redis did not answer in time.
    case timeout
    /// Redis answered with an error (OOM, READONLY, NOSCRIPT, …).
    case server
    /// The reply could not be understood.
    case `protocol`
}
