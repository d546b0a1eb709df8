import Logging
import ServiceLifecycle
import Synchronization
import TicketQHTTP
import TicketQLanes
import TicketQMetrics
import TicketQRedis

/// The intake's readiness, checked against Redis in the background (one connection of its own,
/// once per interval) so that `GET /readyz` answers from the last check and never connects.
final class IntakeReadiness: Service, Sendable {
    /// What the last check found.
    enum State: Equatable, Sendable {
        case unchecked, ready, markerMissing, unreachable
    }

    private let redis: RedisExecutor
    private let keys: LaneKeys
    private let metrics: IntakeMetrics
    private let logger: Logger
    private let interval: Duration
    private let state = Mutex(State.unchecked)

    /// Creates the check; it runs once ``refresh()`` or ``run()`` is called.
    init(redisURL: RedisURL, keys: LaneKeys, metrics: IntakeMetrics, logger: Logger, interval: Duration = .seconds(1)) {
        redis = RedisExecutor(url: redisURL, options: RedisConnectionOptions(clientName: "ticketq-intake-ready"), threadCount: 1, name: "ticketq-intake-ready")
        self.keys = keys
        self.metrics = metrics
        self.logger = logger
        self.interval = interval
    }

    /// The state the last check found.
    var current: State { state.withLock { $0 } }

    /// The `/readyz` answer: `200 ready`, or `503` with a reason that holds no Redis error text.
    var response: HTTPResponse {
        switch current {
        case .ready: .text(200, "ready")
        case .markerMissing: .text(503, DeploymentAdvice.missingMarker)
        case .unreachable: .text(503, "redis is unreachable")
        case .unchecked: .text(503, "readiness not checked yet")
        }
    }

    /// Checks Redis once and keeps the result; a change is logged (with the error, for operators).
    func refresh() async {
        let next: State
        var failure: String?
        do {
            let deployed = try await redis.run(retry: .reconnect(maxAttempts: 2)) { [keys] connection in
                try LaneStore(connection: connection, keys: keys).isDeployed()
            }
            metrics.setDeploymentMarkerMissing(!deployed)
            next = deployed ? .ready : .markerMissing
        } catch is CancellationError {
            return
        } catch {
            next = .unreachable
            failure = String(describing: error)
        }
        let previous = state.withLock { state in
            defer { state = next }
            return state
        }
        guard previous != next else { return }
        if next == .ready {
            logger.info("intake ready")
        } else {
            logger.warning("intake not ready", metadata: ["state": "\(next)", "error": "\(failure ?? "none")"])
        }
    }

    /// Refreshes every interval until a graceful shutdown or cancellation, then closes its connection.
    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await self.refresh()
                try await Task.sleep(for: self.interval)
            }
        }
        await redis.shutdown()
    }
}
