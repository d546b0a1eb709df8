import Foundation
import Synchronization
import TicketQCore

/// SIGKILLs a random worker every so often and starts it again, as a process manager would.
public final class WorkerKiller: @unchecked Sendable {
    private let cluster: LocalCluster
    private let interval: Double
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)

    /// Creates a killer; it starts with ``start(seed:)``.
    public init(cluster: LocalCluster, everySeconds interval: Double) {
        self.cluster = cluster
        self.interval = interval
    }

    /// Starts killing on a thread of its own.
    public func start(seed: UInt64) {
        let thread = Thread { [self] in
            var random = SplitMix64(seed: seed)
            var next = MonotonicClock.nanoseconds() + Int64(interval * 1e9)
            while !stopRequested.load(ordering: .relaxed) {
                if MonotonicClock.nanoseconds() >= next {
                    do { try cluster.killAndRestart(random: &random) } catch { failure.withLock { $0 = $0 ?? "\(error)" } }
                    next += Int64(interval * 1e9)
                }
                MonotonicClock.pause(nanoseconds: 10_000_000)
            }
            finished.signal()
        }
        thread.name = "ticketq-load-killer"
        thread.start()
    }

    /// Stops killing; returns the first restart failure, if any.
    public func stop() -> String? {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
        return failure.withLock { $0 }
    }
}
