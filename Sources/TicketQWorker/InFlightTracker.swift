import Synchronization
import TicketQLanes

/// The tickets a worker holds (claimed and not yet settled), bounded by its concurrency.
///
/// The claimer waits here for free slots; the lease renewer and a shutdown read the leases.
final class InFlightTracker: Sendable {
    private struct State {
        var leases: [String: Int64] = [:]
        var waiter: (needed: Int, continuation: CheckedContinuation<Void, Never>)?
        var emptyWaiters: [CheckedContinuation<Void, Never>] = []
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { state.withLock { $0.leases.count } }

    var freeSlots: Int { capacity - count }

    func add(_ leases: [TicketLease]) {
        state.withLock { state in
            for lease in leases { state.leases[lease.id] = lease.token }
        }
    }

    func remove(_ ids: some Sequence<String>) {
        let resumed = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            for id in ids { state.leases.removeValue(forKey: id) }
            var resumed: [CheckedContinuation<Void, Never>] = []
            if let waiter = state.waiter, capacity - state.leases.count >= waiter.needed {
                resumed.append(waiter.continuation)
                state.waiter = nil
            }
            if state.leases.isEmpty {
                resumed += state.emptyWaiters
                state.emptyWaiters = []
            }
            return resumed
        }
        resumed.forEach { $0.resume() }
    }

    /// Every lease in hand.
    func leases() -> [TicketLease] {
        state.withLock { $0.leases.map { TicketLease(id: $0.key, token: $0.value) } }
    }

    /// Returns once at least `needed` slots are free (one waiter at a time: the claimer).
    func waitForFreeSlots(_ needed: Int) async {
        let needed = min(needed, capacity)
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if capacity - state.leases.count >= needed { return true }
                state.waiter = (needed, continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Wakes a claimer waiting for slots (used at shutdown).
    func wakeClaimer() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            defer { state.waiter = nil }
            return state.waiter?.continuation
        }
        waiter?.resume()
    }

    /// Returns once nothing is in hand.
    func waitUntilEmpty() async {
        await withCheckedContinuation { continuation in
            let empty = state.withLock { state -> Bool in
                if state.leases.isEmpty { return true }
                state.emptyWaiters.append(continuation)
                return false
            }
            if empty { continuation.resume() }
        }
    }
}
