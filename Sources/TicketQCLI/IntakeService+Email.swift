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
    /// `POST /inbound/email`: parsed and triaged (on the CPU pool unless small), then enqueued in
    /// the next coalesced batch (or quarantined over a pooled connection).
    func email(_ request: HTTPRequest) async -> HTTPResponse {
        let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        guard let preparation = await prepare(bodyBytes: request.body.count, { [self] in prepareEmail(request, now: now) }) else {
            return shuttingDown()
        }
        switch preparation {
        case let .answer(response):
            return response
        case let .quarantine(raw, rejection):
            return await quarantine(raw, rejection)
        case let .ticket(prepared, raw):
            return await submit(prepared, raw: raw, now: now)
        }
    }

    /// The CPU work of an email request: finding the raw message, parsing it and triaging its ticket.
    private func prepareEmail(_ request: HTTPRequest, now: Instant) -> EmailPreparation {
        let contentType = request.header("Content-Type")?.lowercased() ?? "message/rfc822"
        let raw: [UInt8]
        if contentType.hasPrefix("multipart/form-data") {
            guard let field = FormData.field(named: Self.mimeFields, body: request.body, contentType: request.header("Content-Type") ?? "") else {
                return .answer(.json(400, #"{"error":"the form has no raw MIME field (one of: \#(Self.mimeFields.joined(separator: ", ")))"}"#))
            }
            raw = field
        } else if contentType.hasPrefix("message/rfc822") || contentType.hasPrefix("text/plain") || contentType.hasPrefix("application/octet-stream") {
            raw = request.body
        } else {
            return .answer(.json(415, #"{"error":"send message/rfc822 (a raw message) or multipart/form-data with the raw MIME in a field"}"#))
        }
        guard !raw.isEmpty else { return .answer(.json(400, #"{"error":"empty message"}"#)) }
        do {
            let built = try EmailTicketBuilder(catalog: catalog).ticket(from: raw, now: now)
            return .ticket(preparer.prepare(built.ticket, mimeDefects: built.email.defects.map(\.rawValue)), raw: raw)
        } catch {
            return .quarantine(raw: raw, rejection: error)
        }
    }

    private func submit(_ prepared: PreparedTicket, raw: [UInt8], now: Instant) async -> HTTPResponse {
        let report: SubmitReport
        do {
            report = try await coalescer.submit([prepared], now: now)
        } catch {
            return unavailable("/inbound/email", error)
        }
        if report.conflicts > 0 {
            // Another message already holds this ticket id: keep this one for an operator
            // rather than drop it.
            let id = prepared.ticket.id
            return await quarantine(raw, EmailRejection(
                "conflict: ticket \"\(id)\" was already submitted from a message with different content",
                publicReason: "conflict: a different message was already submitted under the same ticket id"
            ))
        }
        record(report)
        let json = summary(report, endpoint: "/inbound/email", mimeDefects: prepared.mimeDefects)
        if report.notAccepted > 0 { return .json(503, json, headers: [("Retry-After", "5")]) }
        return .json(report.rejected.isEmpty ? 202 : 400, json)
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
}
