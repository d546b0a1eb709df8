import Synchronization

/// Outcomes handed from the handlers to the group-commit loop.
final class CompletionQueue: Sendable {
    private struct State {
        var items: [PendingOutcome] = []
        var waiter: CheckedContinuation<Void, Never>?
        var closed = false
    }

    private let state = Mutex(State())

    func push(_ items: [PendingOutcome]) {
        guard !items.isEmpty else { return }
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.items += items
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// No more pushes will come; the loop drains what is left and ends.
    func close() {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.closed = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until something is queued (or the queue is closed), without taking it.
    /// - Returns: false when the queue is closed and empty.
    func waitForItems() async -> Bool {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> Bool in
                if !state.items.isEmpty || state.closed { return true }
                state.waiter = continuation
                return false
            }
            if ready { continuation.resume() }
        }
        return state.withLock { !$0.items.isEmpty || !$0.closed }
    }

    /// Takes up to `limit` queued outcomes.
    func take(_ limit: Int) -> [PendingOutcome] {
        state.withLock { state in
            let count = min(limit, state.items.count)
            let taken = Array(state.items.prefix(count))
            state.items.removeFirst(count)
            return taken
        }
    }

    var count: Int { state.withLock { $0.items.count } }
}
