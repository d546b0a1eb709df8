import Foundation
import Synchronization

/// Stops an open-loop sender once the monitor sees the standard and extended lanes empty (a
/// backlog has drained).
final class DrainWatcher: @unchecked Sendable {
    private let monitor: RunMonitor
    private let sender: OpenLoopSender
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    init(monitor: RunMonitor, sender: OpenLoopSender) {
        self.monitor = monitor
        self.sender = sender
    }

    func start() {
        let thread = Thread { [self] in
            while !stopRequested.load(ordering: .relaxed) {
                if monitor.nonUrgentBacklog.load(ordering: .relaxed) == 0 {
                    sender.stopRequested.store(true, ordering: .relaxed)
                    break
                }
                MonotonicClock.pause(nanoseconds: 50_000_000)
            }
            finished.signal()
        }
        thread.start()
    }

    func stop() {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
    }
}
