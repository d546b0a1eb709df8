import Synchronization
import TicketQHTTP
import TicketQMetrics
import TicketQWorker

/// The worker's HTTP endpoints: `/metrics`, `/healthz` and `/readyz`.
///
/// The server starts before the runtime (so a bad address fails first); until the runtime is
/// attached, `/readyz` answers 503. `/healthz` answers 503 only once the outcome store has failed
/// every commit for longer than `--unhealthy-after` (a restart may help; see ``WorkerRuntime/unhealthiness()``).
final class WorkerEndpoints: Sendable {
    private let metrics: WorkerMetrics
    private let runtime = Mutex<WorkerRuntime?>(nil)
    private let startup = Mutex<String?>(nil)

    init(metrics: WorkerMetrics) {
        self.metrics = metrics
    }

    /// Why the worker has not started yet (shown by `/readyz`), or nil.
    var startupIssue: String? {
        get { startup.withLock { $0 } }
        set { startup.withLock { $0 = newValue } }
    }

    func attach(_ runtime: WorkerRuntime) {
        self.runtime.withLock { $0 = runtime }
    }

    var router: HTTPRouter {
        HTTPRouter([
            HTTPRoute("GET", "/metrics") { [metrics] _ in
                HTTPResponse(status: 200, headers: [("Content-Type", MetricsExposition.contentType)], body: metrics.render())
            },
            HTTPRoute("GET", "/healthz") { [self] _ in
                if let reason = runtime.withLock({ $0 })?.unhealthiness() { return .text(503, reason) }
                return .text(200, "ok")
            },
            HTTPRoute("GET", "/readyz") { [self] _ in
                guard let runtime = runtime.withLock({ $0 }) else { return .text(503, startupIssue ?? "starting") }
                if let reason = await runtime.unreadiness() { return .text(503, reason) }
                return .text(200, "ready")
            },
        ])
    }
}
