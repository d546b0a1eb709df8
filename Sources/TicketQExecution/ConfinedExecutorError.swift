/// Why a ``ConfinedExecutor`` did not run a piece of work.
public enum ConfinedExecutorError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The executor was shut down before a thread took the work.
    case shutDown

    public var description: String {
        switch self {
        case .shutDown: return "the executor was shut down before the work ran"
        }
    }
}
