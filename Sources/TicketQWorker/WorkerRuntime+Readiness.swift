import Synchronization
import TicketQLanes
import TicketQRedis
import TicketQStore

extension WorkerRuntime {
    /// Whether the worker can do its job now: Redis answers and the outcome store's latest commit
    /// (of outcomes, or of a recovery probe) succeeded. The store is judged by the commit path,
    /// not by a transaction of its own: one that is rolled back writes nothing and would pass on
    /// a full disk.
    ///
    /// - Returns: `nil` when ready, else the reason it is not.
    public func unreadiness() async -> String? {
        do {
            try await context.lanes { store in try store.ping() }
        } catch {
            return "redis is unreachable: \(error)"
        }
        if let reason = context.storeHealth.readinessIssue() { return reason }
        if context.deploymentLost.load(ordering: .acquiring) { return DeploymentAdvice.missingMarker }
        if isStopping { return "the worker is shutting down" }
        return nil
    }

    /// Why the process should be restarted (for `/healthz`): its outcome store has failed every
    /// commit for longer than ``WorkerConfiguration/unhealthyAfter``. `nil` while healthy.
    public func unhealthiness() -> String? {
        context.storeHealth.livenessIssue()
    }
}
