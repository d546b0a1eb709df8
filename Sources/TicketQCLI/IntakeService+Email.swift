import Foundation
import TicketQCore
import TicketQHTTP
import TicketQIntake
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import Logging
import TicketQMail

extension IntakeService {
    /// `POST /inbound/email`: parsed here, then submitted (or quarantined) over a pooled connection.
    func email(_ request: HTTPRequest) async -> HTTPResponse {
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
        let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        switch build(raw, now: now) {
        case let .success(built):
            return await submit(built.ticket, now: now)
        case let .failure(rejection):
            return await quarantine(raw, rejection)
        }
    }

    private func submit(_ ticket: Ticket, now: Instant) async -> HTTPResponse {
        let report: SubmitReport
        do {
            report = try await redis.run(retry: .idempotent(maxAttempts: 2)) { [self] connection in
                let submitter = try makeSubmitter(LaneStore(connection: connection, keys: keys))
                submitter.add(ticket, number: 1, now: now)
                submitter.finish()
                return submitter.report
            }
        } catch {
            return unavailable("/inbound/email", error)
        }
        record(report)
        if report.notAccepted > 0 { return .json(503, summary(report, endpoint: "/inbound/email"), headers: [("Retry-After", "5")]) }
        return .json(report.rejected.isEmpty ? 202 : 400, summary(report, endpoint: "/inbound/email"))
    }

    /// Keeps a message that cannot become a ticket; the caller gets the rejection's public reason
    /// (no addresses), the quarantine record the full one.
    private func quarantine(_ raw: [UInt8], _ rejection: EmailRejection) async -> HTTPResponse {
        let id: String?
        do {
            id = try await redis.run(retry: .reconnect(maxAttempts: 2)) { [keys] connection in
                try QuarantineRecord.store(raw, source: "POST /inbound/email", reason: rejection.reason, in: LaneStore(connection: connection, keys: keys))
            }
        } catch {
            return unavailable("/inbound/email", error)
        }
        guard let id else {
            metrics.recordTickets("not_accepted", count: 1)
            return .json(413, #"{"error":"the message is larger than the quarantine keeps"}"#)
        }
        metrics.recordTickets("quarantined", count: 1)
        return .json(202, summary(SubmitReport(), endpoint: "/inbound/email", quarantined: id, reason: rejection.publicReason))
    }

    private func build(_ raw: [UInt8], now: Instant) -> Result<(ticket: Ticket, email: InboundEmail), EmailRejection> {
        do {
            return .success(try EmailTicketBuilder(catalog: catalog).ticket(from: raw, now: now))
        } catch {
            return .failure(error)
        }
    }
}
