import Logging
import ServiceLifecycle
import Synchronization
import TicketQMetrics
import TicketQWorker

/// Starts a worker and runs it until a graceful shutdown.
///
/// While Redis holds no deployment marker the worker does not start, and does not exit either
/// (a process manager would only restart it into the same state): it says why on `/readyz`, in
/// the `ticketq_deployment_marker_missing` metric and in its log, and starts by itself once an
/// operator has restored the data or run `ticketq deployment recover`.
final class WorkerService: Service, Sendable {
    private let start: @Sendable () async throws -> WorkerRuntime
    private let endpoints: WorkerEndpoints
    private let metrics: WorkerMetrics
    private let logger: Logger
    private let recheckInterval: Duration
    private let runtime = Mutex<WorkerRuntime?>(nil)

    init(
        endpoints: WorkerEndpoints, metrics: WorkerMetrics, logger: Logger, recheckInterval: Duration = .seconds(2),
        start: @escaping @Sendable () async throws -> WorkerRuntime
    ) {
        self.start = start
        self.endpoints = endpoints
        self.metrics = metrics
        self.logger = logger
        self.recheckInterval = recheckInterval
    }

    func run() async throws {
        guard let runtime = try await startWhenDeployed() else { return }
        self.runtime.withLock { $0 = runtime }
        endpoints.attach(runtime)
        try await runtime.run()
    }

    /// Hands every ticket in hand back at once (a second signal).
    func abort() {
        runtime.withLock { $0 }?.abort()
    }

    /// The started runtime, or nil when a shutdown came first.
    private func startWhenDeployed() async throws -> WorkerRuntime? {
        while !Task.isShuttingDownGracefully {
            do {
                let runtime = try await start()
                if endpoints.startupIssue != nil { logger.notice("the deployment marker is there: starting") }
                endpoints.startupIssue = nil
                metrics.setDeploymentMarkerMissing(false)
                return runtime
            } catch let error as WorkerError {
                guard case .deploymentMissing = error else { throw error }
                if endpoints.startupIssue == nil { logger.critical("not starting: \(error)") }
                endpoints.startupIssue = error.description
                metrics.setDeploymentMarkerMissing(true)
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: self.recheckInterval) }
            }
        }
        return nil
    }
}
