import Logging
import ServiceLifecycle
import Synchronization
import TicketQMetrics
import TicketQRedis
import TicketQWorker

/// Starts a worker and runs it until a graceful shutdown.
///
/// A worker that cannot start for a reason that passes — Redis unreachable, or no deployment
/// marker in Redis — does not exit (a process manager would only restart it into the same state,
/// and give up after enough restarts): it says why on `/readyz`, in its log and, for the marker,
/// in the `ticketq_deployment_marker_missing` metric, retries with capped backoff, and starts by
/// itself once Redis is back or an operator has restored the data or run
/// `ticketq deployment recover`. Other failures (an unusable store, refused credentials, an id
/// in use) end the process.
final class WorkerService: Service, Sendable {
    private let start: @Sendable () async throws -> WorkerRuntime
    private let endpoints: WorkerEndpoints
    private let metrics: WorkerMetrics
    private let logger: Logger
    private let backoff: Backoff
    private let runtime = Mutex<WorkerRuntime?>(nil)

    init(
        endpoints: WorkerEndpoints, metrics: WorkerMetrics, logger: Logger, backoff: Backoff = Backoff(base: .seconds(1), cap: .seconds(10)),
        start: @escaping @Sendable () async throws -> WorkerRuntime
    ) {
        self.start = start
        self.endpoints = endpoints
        self.metrics = metrics
        self.logger = logger
        self.backoff = backoff
    }

    func run() async throws {
        guard let runtime = try await startWhenPossible() else { return }
        self.runtime.withLock { $0 = runtime }
        endpoints.attach(runtime)
        try await runtime.run()
    }

    /// Hands every ticket in hand back at once (a second signal).
    func abort() {
        runtime.withLock { $0 }?.abort()
    }

    /// The started runtime, or nil when a shutdown came first.
    private func startWhenPossible() async throws -> WorkerRuntime? {
        var attempt = 0
        while !Task.isShuttingDownGracefully {
            do {
                let runtime = try await start()
                if endpoints.startupIssue != nil { logger.notice("starting: the reason to wait is gone") }
                endpoints.startupIssue = nil
                metrics.setDeploymentMarkerMissing(false)
                return runtime
            } catch let error as WorkerError {
                switch error {
                case .deploymentMissing:
                    metrics.setDeploymentMarkerMissing(true)
                case .redisUnavailable:
                    break
                default:
                    throw error
                }
                let reason = error.description
                if endpoints.startupIssue != reason { logger.critical("not starting yet, retrying: \(reason)") }
                endpoints.startupIssue = reason
                attempt += 1
                let delay = max(backoff.delay(forAttempt: attempt), .milliseconds(200))
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: delay) }
            }
        }
        return nil
    }
}
