import Foundation
import TicketQConfig
import TicketQCore
import TicketQHTTP
import TicketQIntake
import TicketQLanes
import TicketQMail
import TicketQMetrics
import TicketQRedis
import TicketQTriage

/// The HTTP intake's endpoints: `POST /tickets` (a JSON ticket or a JSONL batch),
/// `POST /inbound/email` (a raw message, or a provider's form post with the raw MIME in a field),
/// `GET /metrics`, `/healthz`, `/readyz`. Redis work runs off the cooperative pool.
final class IntakeService: Sendable {
    let catalog: PolicyCatalog
    let redisURL: RedisURL
    let keys: LaneKeys
    let triager: TicketTriager
    let tokens: Set<String>
    let metrics: IntakeMetrics
    let maxTicketBytes: Int
    let maxEmailBytes: Int

    /// The form fields that carry the raw MIME in providers' inbound webhooks.
    static let mimeFields = ["email", "body-mime", "raw", "message", "mime"]

    init(catalog: PolicyCatalog, redisURL: RedisURL, keys: LaneKeys, triager: TicketTriager, tokens: Set<String>, metrics: IntakeMetrics, maxTicketBytes: Int, maxEmailBytes: Int) {
        self.catalog = catalog
        self.redisURL = redisURL
        self.keys = keys
        self.triager = triager
        self.tokens = tokens
        self.metrics = metrics
        self.maxTicketBytes = maxTicketBytes
        self.maxEmailBytes = maxEmailBytes
    }

    var router: HTTPRouter {
        HTTPRouter([
            HTTPRoute("POST", "/tickets", maxBodyBytes: maxTicketBytes) { [self] request in
                await measured("/tickets") { await self.tickets(request) }
            },
            HTTPRoute("POST", "/inbound/email", maxBodyBytes: maxEmailBytes) { [self] request in
                await measured("/inbound/email") { await self.email(request) }
            },
            HTTPRoute("GET", "/metrics") { [metrics] _ in
                HTTPResponse(status: 200, headers: [("Content-Type", MetricsExposition.contentType)], body: metrics.render())
            },
            HTTPRoute("GET", "/healthz") { _ in .text(200, "ok") },
            HTTPRoute("GET", "/readyz") { [self] _ in
                let reason = await BlockingWork.run { [self] () -> String? in
                    do {
                        let deployed = try openLanes().isDeployed()
                        metrics.setDeploymentMarkerMissing(!deployed)
                        return deployed ? nil : DeploymentAdvice.missingMarker
                    } catch {
                        return "redis is unreachable: \(error)"
                    }
                }
                return reason.map { .text(503, $0) } ?? .text(200, "ready")
            },
        ])
    }

    private func measured(_ endpoint: String, _ body: () async -> HTTPResponse) async -> HTTPResponse {
        let started = ContinuousClock.now
        let response = await body()
        let elapsed = ContinuousClock.now - started
        metrics.recordRequest(endpoint: endpoint, code: response.status, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return response
    }

    /// nil when the request carries one of the configured bearer tokens.
    private func unauthorized(_ request: HTTPRequest) -> HTTPResponse? {
        guard !tokens.isEmpty else { return nil }
        guard let header = request.header("Authorization"), header.lowercased().hasPrefix("bearer ") else {
            return .json(401, #"{"error":"missing bearer token"}"#, headers: [("WWW-Authenticate", "Bearer")])
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        // Compare against every token in full, so timing does not reveal a matching prefix.
        var matched = false
        for known in tokens where Self.constantTimeEqual(known, token) { matched = true }
        return matched ? nil : .json(401, #"{"error":"invalid bearer token"}"#, headers: [("WWW-Authenticate", "Bearer error=\"invalid_token\"")])
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }

    private func openLanes() throws -> LaneStore {
        LaneStore(connection: try RedisConnection(url: redisURL, options: RedisConnectionOptions(clientName: "ticketq-intake")), keys: keys)
    }

    private func makeSubmitter(_ lanes: LaneStore) throws -> TicketSubmitter {
        let (url, keys) = (redisURL, self.keys)
        return TicketSubmitter(
            catalog: catalog, highVolume: try TicketSubmitter.highVolumeSchedule(from: lanes), batchSize: 1000, triager: triager
        ) {
            LaneStore(connection: try RedisConnection(url: url, options: RedisConnectionOptions(clientName: "ticketq-intake")), keys: keys)
        }
    }

    // MARK: POST /tickets

    private func tickets(_ request: HTTPRequest) async -> HTTPResponse {
        if let refusal = unauthorized(request) { return refusal }
        guard !request.body.isEmpty else { return .json(400, #"{"error":"empty body: send a JSON ticket or JSONL tickets"}"#) }
        let body = request.body
        return await BlockingWork.run { [self] in
            let report: SubmitReport
            do {
                let lanes = try openLanes()
                let submitter = try makeSubmitter(lanes)
                let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
                var number = 0
                for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                    number += 1
                    submitter.add(line: line, number: number, now: now)
                }
                submitter.finish()
                report = submitter.report
            } catch {
                return .json(503, #"{"error":\#(JSONObjectWriter.quote("Redis is unavailable: \(error)"))}"#, headers: [("Retry-After", "5")])
            }
            metrics.recordTickets("accepted", count: report.accepted)
            metrics.recordTickets("duplicate", count: report.duplicates)
            metrics.recordTickets("rejected", count: report.rejected.count)
            metrics.recordTickets("not_accepted", count: report.notAccepted)
            let json = Self.summary(report)
            if report.notAccepted > 0 { return .json(503, json, headers: [("Retry-After", "5")]) }
            if report.accepted + report.duplicates == 0 { return .json(400, json) }
            return .json(202, json)
        }
    }

    static func summary(_ report: SubmitReport, quarantined: String? = nil, reason: String? = nil) -> String {
        var object = JSONObjectWriter()
        object.add("accepted", Int64(report.accepted))
        object.add("duplicate", Int64(report.duplicates))
        let rejected = report.rejected.map { rejection -> String in
            var item = JSONObjectWriter()
            item.add("line", rejection.line.map(Int64.init))
            item.add("field", rejection.field)
            item.add("reason", rejection.reason)
            return item.json
        }
        object.addRaw("rejected", "[" + rejected.joined(separator: ",") + "]")
        if report.notAccepted > 0 {
            object.add("not_accepted", Int64(report.notAccepted))
            object.add("refusal", report.refusal)
        }
        if let quarantined {
            object.add("quarantined", quarantined)
            object.add("reason", reason)
        }
        return object.json
    }

    // MARK: POST /inbound/email

    private func email(_ request: HTTPRequest) async -> HTTPResponse {
        if let refusal = unauthorized(request) { return refusal }
        let contentType = request.header("Content-Type")?.lowercased() ?? "message/rfc822"
        let raw: [UInt8]
        if contentType.hasPrefix("multipart/form-data") {
            guard let field = FormData.field(named: Self.mimeFields, body: request.body, contentType: request.header("Content-Type") ?? "") else {
                return .json(400, #"{"error":"the form has no raw MIME field (one of: \#(Self.mimeFields.joined(separator: ", ")))"}"#)
            }
            raw = field
        } else if contentType.hasPrefix("message/rfc822") || contentType.hasPrefix("text/plain") || contentType.hasPrefix("application/octet-stream") {
            raw = request.body
        } else {
            return .json(415, #"{"error":"send message/rfc822 (a raw message) or multipart/form-data with the raw MIME in a field"}"#)
        }
        guard !raw.isEmpty else { return .json(400, #"{"error":"empty message"}"#) }
        return await BlockingWork.run { [self] in
            let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
            do {
                let lanes = try openLanes()
                let built: (ticket: Ticket, email: InboundEmail)
                switch build(raw, now: now) {
                case let .success(value):
                    built = value
                case let .failure(error):
                    guard let id = try QuarantineRecord.store(raw, source: "POST /inbound/email", reason: error.reason, in: lanes) else {
                        metrics.recordTickets("not_accepted", count: 1)
                        return .json(503, #"{"error":"the quarantine is full"}"#, headers: [("Retry-After", "60")])
                    }
                    metrics.recordTickets("quarantined", count: 1)
                    return .json(202, Self.summary(SubmitReport(), quarantined: id, reason: error.reason))
                }
                let submitter = try makeSubmitter(lanes)
                submitter.add(built.ticket, number: 1, now: now)
                submitter.finish()
                let report = submitter.report
                metrics.recordTickets("accepted", count: report.accepted)
                metrics.recordTickets("duplicate", count: report.duplicates)
                metrics.recordTickets("rejected", count: report.rejected.count)
                if report.notAccepted > 0 {
                    metrics.recordTickets("not_accepted", count: report.notAccepted)
                    return .json(503, Self.summary(report), headers: [("Retry-After", "5")])
                }
                return .json(report.rejected.isEmpty ? 202 : 400, Self.summary(report))
            } catch {
                return .json(503, #"{"error":\#(JSONObjectWriter.quote("Redis is unavailable: \(error)"))}"#, headers: [("Retry-After", "5")])
            }
        }
    }

    private func build(_ raw: [UInt8], now: Instant) -> Result<(ticket: Ticket, email: InboundEmail), EmailRejection> {
        do {
            return .success(try EmailTicketBuilder(catalog: catalog).ticket(from: raw, now: now))
        } catch {
            return .failure(error)
        }
    }
}
