import TicketQLanes
import TicketQMetrics
import TicketQRedis

extension RedisErrorKind {
    /// The kind of a failed Redis operation, for `ticketq_redis_errors_total{kind}`.
    init(classifying error: any Error) {
        let redisError: RedisError?
        switch error {
        case let error as LanesError:
            if case let .redis(inner) = error { redisError = inner } else { redisError = nil }
            if redisError == nil { self = .protocol; return }
        case let error as RedisError:
            redisError = error
        default:
            self = .connection
            return
        }
        switch redisError {
        case .timeout: self = .timeout
        case .server, .authenticationFailed, .invalidCommand: self = .server
        case .protocolError: self = .protocol
        case .connectionFailed, .connectionClosed, .none: self = .connection
        }
    }
}
