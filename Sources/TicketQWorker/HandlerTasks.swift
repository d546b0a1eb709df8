import Synchronization

/// The handler tasks in progress, by fencing token, and a wait for the moment none is left: the
/// graceful shutdown waits on it instead of polling.
final class HandlerTasks: Sendable {
    private struct State {
        var tasks: [Int64: Task<Void, Never>] = [:]
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Starts `body` as the task of `key`. The task is created under the lock, so that one
    /// finishing at once cannot remove itself before it was added (and leave a stale entry).
    func start(_ key: Int64, priority: TaskPriority?, _ body: @escaping @Sendable () async -> Void) {
        state.withLock { state in
            state.tasks[key] = Task(priority: priority) {
                await body()
            }
        }
    }

    /// Forgets `key`'s task once it ended; the last one wakes those waiting for none to be left.
    func finished(_ key: Int64) {
        let woken = state.withLock { state -> [CheckedContinuation<Bool, Never>] in
            state.tasks.removeValue(forKey: key)
            guard state.tasks.isEmpty else { return [] }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.resume(returning: true) }
    }

    /// Cancels the task of `key`, if it is still running.
    func cancel(_ key: Int64) {
        state.withLock { $0.tasks[key]?.cancel() }
    }

    /// Cancels every running task.
    func cancelAll() {
        state.withLock { $0.tasks.values.forEach { $0.cancel() } }
    }

    /// The running tasks.
    var running: [Task<Void, Never>] {
        state.withLock { Array($0.tasks.values) }
    }

    /// Waits until no task is left (`true`) or `deadline` passes (`false`), whichever is first.
    func waitUntilNoneLeft(before deadline: ContinuousClock.Instant) async -> Bool {
        let timer = Mutex<Task<Void, Never>?>(nil)
        defer { timer.withLock { $0?.cancel() } }
        return await withCheckedContinuation { continuation in
            let id = state.withLock { state -> Int? in
                guard !state.tasks.isEmpty else { return nil }
                state.nextWaiter += 1
                state.waiters[state.nextWaiter] = continuation
                return state.nextWaiter
            }
            guard let id else { return continuation.resume(returning: true) }
            // Started only once the waiter is registered, so that it cannot fire too early to find it.
            timer.withLock { timer in
                timer = Task {
                    try? await Task.sleep(until: deadline, clock: .continuous)
                    let waiter = self.state.withLock { $0.waiters.removeValue(forKey: id) }
                    waiter?.resume(returning: false)
                }
            }
        }
    }
}
