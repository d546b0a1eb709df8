import Foundation
import Logging
import NIOPosix
import TicketQConfig
import TicketQHTTP
import TicketQIntake
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQTriage

/// The HTTP intake's endpoints: `POST /tickets` (a JSON ticket or a JSONL batch),
/// `POST /inbound/email` (a raw message, or a provider's form post with the raw MIME in a field),
/// `GET /metrics`, `/healthz`, `/readyz`.
///
/// Bearer tokens are checked from the request head, before the body is read. Decoding, parsing
/// and triage run on `cpu`, a fixed pool of threads, never on an event loop. Submits are
/// coalesced: a ``SubmitCoalescer`` puts the tickets of concurrent requests into one batch, and a
/// request is answered once its batch is in Redis. Redis work runs on a ``RedisExecutor``: a
/// fixed number of threads, each with one pooled connection. `/readyz`
/// answers from ``IntakeReadiness``'s last background check. Errors sent to callers never carry
/// Redis's error text or mail addresses; those go to the log.
final class IntakeService: Sendable {
    let catalog: PolicyCatalog
    let redis: RedisExecutor
    let keys: LaneKeys
    let triager: TicketTriager
    let tokens: BearerTokens
    let metrics: IntakeMetrics
    let readiness: IntakeReadiness
    let logger: Logger
    let maxTicketBytes: Int
    let maxEmailBytes: Int
    let cpu: NIOThreadPool
    let preparer: TicketPreparer
    let coalescer: SubmitCoalescer

    /// The form fields that carry the raw MIME in providers' inbound webhooks.
    static let mimeFields = ["email", "body-mime", "raw", "message", "mime"]

    init(
        catalog: PolicyCatalog, redis: RedisExecutor, keys: LaneKeys, triager: TicketTriager, tokens: Set<String>, metrics: IntakeMetrics,
        readiness: IntakeReadiness, logger: Logger, maxTicketBytes: Int, maxEmailBytes: Int, cpu: NIOThreadPool
    ) {
        self.catalog = catalog
        self.redis = redis
        self.keys = keys
        self.triager = triager
        self.tokens = BearerTokens(tokens: tokens)
        self.metrics = metrics
        self.readiness = readiness
        self.logger = logger
        self.maxTicketBytes = maxTicketBytes
        self.maxEmailBytes = maxEmailBytes
        self.cpu = cpu
        preparer = TicketPreparer(catalog: catalog, triager: triager)
        coalescer = SubmitCoalescer(redis: redis, keys: keys, catalog: catalog, maxBatchesInFlight: redis.threadCount) { [metrics] batch in
            metrics.recordSubmitBatch(requests: batch.requests, tickets: batch.tickets, submits: batch.submits)
        }
    }

    var router: HTTPRouter {
        HTTPRouter([
            HTTPRoute("POST", "/tickets", maxBodyBytes: maxTicketBytes, admit: admission("/tickets")) { [self] request in
                await measured("/tickets") { await self.tickets(request) }
            },
            HTTPRoute("POST", "/inbound/email", maxBodyBytes: maxEmailBytes, admit: admission("/inbound/email")) { [self] request in
                await measured("/inbound/email") { await self.email(request) }
            },
            HTTPRoute("GET", "/metrics") { [metrics, coalescer] _ in
                metrics.setSubmitWaiting(coalescer.waiting)
                return HTTPResponse(status: 200, headers: [("Content-Type", MetricsExposition.contentType)], body: metrics.render())
            },
            HTTPRoute("GET", "/healthz") { _ in .text(200, "ok") },
            HTTPRoute("GET", "/readyz") { [readiness] _ in readiness.response },
        ])
    }

    /// The bearer-token check run on the request head of `endpoint`; a refusal is counted.
    private func admission(_ endpoint: String) -> @Sendable (HTTPRequest) -> HTTPResponse? {
        { [tokens, metrics] head in
            guard let refusal = tokens.refusal(for: head) else { return nil }
            metrics.recordRequest(endpoint: endpoint, code: refusal.status, seconds: 0)
            return refusal
        }
    }

    private func measured(_ endpoint: String, _ body: () async -> HTTPResponse) async -> HTTPResponse {
        let started = ContinuousClock.now
        let response = await body()
        let elapsed = ContinuousClock.now - started
        metrics.recordRequest(endpoint: endpoint, code: response.status, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return response
    }

    /// Bodies up to this size (a ticket or a few, a short email) are prepared in the request's own
    /// task: that takes less than the two thread hand-offs to the CPU pool and back cost. Larger
    /// ones go to the pool, so that a big upload never holds one of the few cooperative threads.
    static let inlinePreparationBytes = 8 * 1024

    /// The CPU work of preparing a request of `bodyBytes`, run where ``inlinePreparationBytes``
    /// says; nil when the pool has stopped (the intake is shutting down).
    func prepare<T: Sendable>(bodyBytes: Int, _ work: @escaping @Sendable () -> T) async -> T? {
        guard bodyBytes > Self.inlinePreparationBytes else { return work() }
        return try? await cpu.runIfActive(work)
    }

    /// The `503` for a request that arrived while the intake stops.
    func shuttingDown() -> HTTPResponse {
        .json(503, #"{"error":"the intake is stopping; retry later"}"#, headers: [("Retry-After", "5")])
    }

    /// The `503` for Redis being unreachable or refusing; the error itself goes to the log only.
    func unavailable(_ endpoint: String, _ error: any Error) -> HTTPResponse {
        logger.warning("Redis is unavailable", metadata: ["endpoint": "\(endpoint)", "error": "\(error)"])
        return .json(503, #"{"error":"the ticket queue is unavailable; retry later"}"#, headers: [("Retry-After", "5")])
    }
}
