import Synchronization

/// Running totals of one worker process, reported in its registry entry.
final class WorkerCounters: Sendable {
    struct Totals: Sendable {
        var done = 0
        var dead = 0
        var retried = 0
        var duplicates = 0
        var superseded = 0
        var released = 0
    }

    private let totals = Mutex(Totals())

    func record(_ update: (inout Totals) -> Void) {
        totals.withLock { update(&$0) }
    }

    var snapshot: Totals { totals.withLock { $0 } }
}
