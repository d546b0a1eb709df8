import Foundation
import Synchronization

/// The one clock every time on an outcome and in the latency metrics is read on: Redis's
/// (`TIME`, which stamps claims, leases and enqueue times), followed between claims through the
/// host clock corrected by the offset measured at the latest claim.
///
/// A worker whose host clock is minutes off therefore reports the same completion times, SLA
/// attainment and latencies as one whose clock is right.
public final class WorkerClock: Sendable {
    /// How long an observation counts. Redis read its clock somewhere between sending and the
    /// host receiving the reply, so each observation bounds the offset from below, by as much as
    /// the reply was delayed; the least-delayed observation of the window sets the offset, so
    /// that one reply held up in a busy Redis or host does not move the clock back (and make a
    /// handling time negative). A host clock that was changed is followed within the window.
    static let windowMillis: Int64 = 5_000
    /// The observations of the window: the host's time of each, and the offset it gave.
    private let samples = Mutex<[(atHostMillis: Int64, offset: Int64)]>([])
    /// Redis time minus host time, in milliseconds, from the window's observations.
    private let offset = Atomic<Int64>(0)

    /// Creates a clock that reads the host's time until the first observation.
    public init() {}

    /// Records Redis's time as a reply just received carried it.
    public func observe(serverMillis: Int64) {
        let host = Self.hostMillis
        let best = samples.withLock { samples -> Int64 in
            // Samples from the future are from before the host clock was set back.
            samples.removeAll { host - $0.atHostMillis > Self.windowMillis || $0.atHostMillis > host }
            if samples.count >= 64 { samples.removeFirst(samples.count - 63) }
            samples.append((host, serverMillis - host))
            return samples.lazy.map(\.offset).max() ?? serverMillis - host
        }
        offset.store(best, ordering: .relaxed)
    }

    /// Now, on Redis's clock, in epoch milliseconds.
    public var nowMillis: Int64 { Self.hostMillis + offset.load(ordering: .relaxed) }

    /// The measured offset of Redis's clock from the host's, in milliseconds.
    public var offsetMillis: Int64 { offset.load(ordering: .relaxed) }

    /// The host's wall clock, in epoch milliseconds.
    static var hostMillis: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) }
}
