import Synchronization
import TicketQLanes
import TicketQRedis
import TicketQStore

extension WorkerRuntime {
    /// Whether the worker can do its job now: Redis answers and the outcome store accepts a
    /// write transaction (`BEGIN IMMEDIATE`, rolled back at once).
    ///
    /// - Returns: `nil` when ready, else the reason it is not.
    public func unreadiness() async -> String? {
        do {
            try await lanes { store in try store.ping() }
        } catch {
            return "redis is unreachable: \(error)"
        }
        do {
            try await writer.withStore { store in
                try store.database.retryingBusy {
                    try store.database.execute("BEGIN IMMEDIATE")
                    try store.database.execute("ROLLBACK")
                }
            }
        } catch {
            return "the outcome store \(configuration.databasePath) cannot be written: \(error)"
        }
        if deploymentLost.load(ordering: .acquiring) { return DeploymentAdvice.missingMarker }
        if isStopping { return "the worker is shutting down" }
        return nil
    }
}
