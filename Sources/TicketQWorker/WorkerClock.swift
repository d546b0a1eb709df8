import Foundation
import Synchronization

/// The one clock every time on an outcome and in the latency metrics is read on: Redis's
/// (`TIME`, which stamps claims, leases and enqueue times), followed between claims through the
/// host clock corrected by the offset measured at the latest claim.
///
/// A worker whose host clock is minutes off therefore reports the same completion times, SLA
/// attainment and latencies as one whose clock is right.
public final class WorkerClock: Sendable {
    /// Redis time minus host time, in milliseconds, as of the latest observation.
    private let offset = Atomic<Int64>(0)

    /// Creates a clock that reads the host's time until the first observation.
    public init() {}

    /// Records Redis's time as a reply just received carried it.
    public func observe(serverMillis: Int64) {
        offset.store(serverMillis - Self.hostMillis, ordering: .relaxed)
    }

    /// Now, on Redis's clock, in epoch milliseconds.
    public var nowMillis: Int64 { Self.hostMillis + offset.load(ordering: .relaxed) }

    /// The measured offset of Redis's clock from the host's, in milliseconds.
    public var offsetMillis: Int64 { offset.load(ordering: .relaxed) }

    /// The host's wall clock, in epoch milliseconds.
    static var hostMillis: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
