/// How a failed delivery is retried: exponential backoff with full jitter, never beyond the
/// ticket's due time, and at most ``maxDeliveries`` deliveries before the ticket is dead-lettered.
public struct RetryPolicy: Sendable, Hashable {
    /// Deliveries (the first included) before a failing ticket is dead-lettered.
    public var maxDeliveries: Int
    /// The backoff before the second delivery.
    public var baseDelay: Duration
    /// The largest backoff.
    public var maxDelay: Duration

    /// Defaults: 5 deliveries, 200 ms doubling up to 30 s.
    public init(maxDeliveries: Int = 5, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(30)) {
        self.maxDeliveries = max(1, maxDeliveries)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The delay before the next delivery after delivery number `attempt` failed.
    ///
    /// Full jitter: uniform in `[0, min(maxDelay, baseDelay × 2^(attempt−1))]`, then capped so that
    /// the retry happens no later than the due time (a late ticket is retried at once).
    /// - Parameters:
    ///   - attempt: the delivery that failed (1 for the first).
    ///   - millisUntilDue: time left before the response is due (negative when already late).
    ///   - unitRandom: a random number in `[0, 1)`.
    public func delay(afterAttempt attempt: Int, millisUntilDue: Int64, unitRandom: Double) -> Duration {
        let base = Double(baseDelay.components.seconds) * 1000 + Double(baseDelay.components.attoseconds) / 1e15
        let cap = Double(maxDelay.components.seconds) * 1000 + Double(maxDelay.components.attoseconds) / 1e15
        let exponential = min(cap, base * pow2(max(0, attempt - 1)))
        let jittered = exponential * min(max(unitRandom, 0), 1)
        let bounded = min(jittered, Double(max(0, millisUntilDue)))
        return .milliseconds(Int64(bounded.rounded(.down)))
    }

    /// Whether delivery number `attempt` failing leaves another delivery.
    public func allowsAnotherDelivery(after attempt: Int) -> Bool {
        attempt < maxDeliveries
    }

    private func pow2(_ exponent: Int) -> Double {
        exponent >= 62 ? Double.greatestFiniteMagnitude : Double(1 << exponent)
    }
}
