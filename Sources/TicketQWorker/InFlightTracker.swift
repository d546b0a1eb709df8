import Synchronization
import TicketQLanes

/// The tickets a worker holds (claimed and not yet settled), bounded by its concurrency, plus
/// the slots reserved for urgent tickets on top of it.
///
/// The claimers wait here for free slots (the general one for ``capacity``, the urgent one for
/// ``urgentCapacity``); the lease renewer and a shutdown read every lease.
final class InFlightTracker: Sendable {
    private struct State {
        var leases: [String: Int64] = [:]
        var urgent: Set<String> = []
        var waiter: (needed: Int, continuation: CheckedContinuation<Void, Never>)?
        var urgentWaiter: CheckedContinuation<Void, Never>?
        var emptyWaiters: [CheckedContinuation<Void, Never>] = []

        var generalCount: Int { leases.count - urgent.count }
    }

    let capacity: Int
    let urgentCapacity: Int
    private let state = Mutex(State())

    init(capacity: Int, urgentCapacity: Int = 0) {
        self.capacity = capacity
        self.urgentCapacity = urgentCapacity
    }

    /// Every ticket in hand, urgent ones included.
    var count: Int { state.withLock { $0.leases.count } }

    /// Free general slots.
    var freeSlots: Int { capacity - state.withLock { $0.generalCount } }

    /// Tickets in hand in the urgent slots.
    var urgentCount: Int { state.withLock { $0.urgent.count } }

    /// Free urgent slots.
    var freeUrgentSlots: Int { urgentCapacity - state.withLock { $0.urgent.count } }

    func add(_ leases: [TicketLease], urgent: Bool = false) {
        state.withLock { state in
            for lease in leases {
                state.leases[lease.id] = lease.token
                if urgent { state.urgent.insert(lease.id) }
            }
        }
    }

    func remove(_ ids: some Sequence<String>) {
        let resumed = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            var urgentFreed = false
            for id in ids {
                state.leases.removeValue(forKey: id)
                if state.urgent.remove(id) != nil { urgentFreed = true }
            }
            var resumed: [CheckedContinuation<Void, Never>] = []
            if let waiter = state.waiter, capacity - state.generalCount >= waiter.needed {
                resumed.append(waiter.continuation)
                state.waiter = nil
            }
            if urgentFreed, let waiter = state.urgentWaiter {
                resumed.append(waiter)
                state.urgentWaiter = nil
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

    /// Returns once at least `needed` general slots are free (one waiter at a time: the claimer).
    func waitForFreeSlots(_ needed: Int) async {
        let needed = min(needed, capacity)
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if capacity - state.generalCount >= needed { return true }
                state.waiter = (needed, continuation)
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Returns once an urgent slot is free (one waiter at a time: the urgent claimer).
    func waitForFreeUrgentSlot() async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if state.urgent.count < urgentCapacity { return true }
                state.urgentWaiter = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }

    /// Wakes the claimers waiting for slots (used at shutdown).
    func wakeClaimer() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            defer { state.waiter = nil; state.urgentWaiter = nil }
            return [state.waiter?.continuation, state.urgentWaiter].compactMap { $0 }
        }
        waiters.forEach { $0.resume() }
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
