/// One piece of work queued on a ``ConfinedExecutor``: what to run with the thread's resource,
/// and what to do when it never runs (shut down before a thread took it, or cancelled).
struct ConfinedJob<Resource>: Sendable {
    let id: UInt64
    let run: @Sendable (Resource) -> Void
    let fail: @Sendable (any Error) -> Void
}
