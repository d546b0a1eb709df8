/// How a write transaction is retried when another connection holds the database lock.
///
/// SQLite's own `busy_timeout` waits inside each call first; this policy covers what is left
/// (`SQLITE_BUSY` or `SQLITE_LOCKED` returned anyway, e.g. after the timeout, or on a lock SQLite
/// does not wait for) by re-running the whole transaction after a randomised, growing pause.
public struct BusyRetryPolicy: Sendable, Hashable {
    /// How many times a transaction is tried in total before the last busy error is thrown.
    public var maxAttempts: Int
    /// The pause before the second attempt.
    public var initialDelay: Duration
    /// The longest pause between two attempts; the pause doubles up to this.
    public var maxDelay: Duration

    /// Creates a policy. `maxAttempts` below 1 is treated as 1.
    public init(maxAttempts: Int = 10, initialDelay: Duration = .milliseconds(2), maxDelay: Duration = .milliseconds(250)) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
    }

    /// The pause after failed attempt number `attempt` (1-based): exponential, capped, with
    /// "equal jitter" (between half and all of the capped value) so competing writers spread out.
    public func delay(afterAttempt attempt: Int) -> Duration {
        let doublings = min(max(attempt - 1, 0), 30)
        let grown = initialDelay * (1 << doublings)
        let capped = min(grown, maxDelay)
        let cappedNanoseconds = capped.nanoseconds
        guard cappedNanoseconds > 1 else { return capped }
        let half = cappedNanoseconds / 2
        return .nanoseconds(half + Int64.random(in: 0...half))
    }
}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return scaled &+ attoseconds / 1_000_000_000
    }

    /// The duration in whole milliseconds (saturating).
    var milliseconds: Int64 { nanoseconds / 1_000_000 }
}
