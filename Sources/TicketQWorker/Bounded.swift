import ServiceLifecycle

// Bounded waits, so that a shutdown ends within the grace period and
// `WorkerConfiguration.shutdownSettleAllowance` whatever the outcome store does (an fsync can
// hang in the kernel; a store call cannot be cancelled).

/// Runs `body` in a task of its own and waits for its result until `deadline` (if any) or until
/// the waiting task is cancelled; an abandoned `body` keeps running.
///
/// - Returns: `body`'s result, or `nil` when the wait was given up.
func bounded<T: Sendable>(
    until deadline: ContinuousClock.Instant?, priority: TaskPriority? = nil, _ body: @escaping @Sendable () async -> T
) async -> T? {
    let flag = CompletionFlag<T>()
    Task(priority: priority) { flag.set(await body()) }
    while true {
        if let result = flag.result { return result }
        if Task.isCancelled { return nil }
        if let deadline, ContinuousClock.now >= deadline { return nil }
        try? await Task.sleep(for: .milliseconds(10))
    }
}

/// ``bounded(until:_:)`` without a deadline: gives up only when the waiting task is cancelled.
func boundedByCancellation<T: Sendable>(priority: TaskPriority? = nil, _ body: @escaping @Sendable () async -> T) async -> T? {
    await bounded(until: nil, priority: priority, body)
}

/// Suspends until the calling service is told to shut down gracefully (at once if it was), or
/// its task is cancelled. A service of the worker's group returns only then: one that returned
/// earlier would end the group.
func untilGracefulShutdown() async {
    try? await gracefulShutdown()
}
