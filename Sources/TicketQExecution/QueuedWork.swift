/// What becomes of work still queued when a ``ConfinedExecutor`` shuts down.
public enum QueuedWork: Sendable {
    /// It fails with ``ConfinedExecutorError/shutDown``.
    case fail
    /// The threads run it first.
    case finish
}
