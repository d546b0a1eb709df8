/// Capped exponential backoff with full jitter.
///
/// The ceiling for failure number `attempt` (1, 2, 3, …) is `min(cap, base × 2^(attempt − 1))`; the delay is
/// drawn uniformly from `0 ..< ceiling`, so many clients that lose their server at the same moment do not
/// reconnect in lockstep.
///
/// ```swift
/// let backoff = Backoff(base: .milliseconds(25), cap: .seconds(1))
/// let wait = backoff.delay(forAttempt: 3)   // somewhere in 0 ..< 100 ms
/// ```
public struct Backoff: Sendable, Hashable {
    /// The ceiling after the first failure.
    public let base: Duration
    /// The largest ceiling, reached after enough failures.
    public let cap: Duration

    /// Creates a backoff. A negative `base` counts as zero and a `cap` below `base` is raised to `base`.
    public init(base: Duration = .milliseconds(25), cap: Duration = .seconds(1)) {
        self.base = max(base, .zero)
        self.cap = max(cap, self.base)
    }

    /// The largest delay for failure number `attempt`; attempts below 1 count as 1.
    public func ceiling(forAttempt attempt: Int) -> Duration {
        let doublings = max(attempt, 1) - 1
        let baseNanoseconds = Self.nanoseconds(base)
        let capNanoseconds = Self.nanoseconds(cap)
        guard baseNanoseconds > 0 else { return .zero }
        // Stop doubling once the next step would pass the cap; this also keeps the shift from overflowing.
        guard doublings < 62, baseNanoseconds <= capNanoseconds >> Int64(doublings) else { return cap }
        return .nanoseconds(baseNanoseconds << Int64(doublings))
    }

    /// A delay drawn uniformly from `0 ..< ceiling(forAttempt:)` using `generator`.
    public func delay(forAttempt attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = Self.nanoseconds(ceiling(forAttempt: attempt))
        // 53 random bits give a fraction in [0, 1) without the bias of a modulo.
        let fraction = Double(generator.next() >> 11) * 0x1p-53
        return .nanoseconds(Int64(Double(ceiling) * fraction))
    }

    /// A delay drawn uniformly from `0 ..< ceiling(forAttempt:)` using the system's random source.
    public func delay(forAttempt attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(forAttempt: attempt, using: &generator)
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return whole.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
