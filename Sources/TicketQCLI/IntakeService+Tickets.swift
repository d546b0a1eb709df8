import Foundation
import TicketQCore
import TicketQHTTP
import TicketQIntake
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import Logging

extension IntakeService {
    /// `POST /tickets`: a JSON ticket or JSONL tickets, decoded and triaged (on the CPU pool unless
    /// small), then enqueued in the next coalesced batch.
    func tickets(_ request: HTTPRequest) async -> HTTPResponse {
        guard !request.body.isEmpty else { return .json(400, #"{"error":"empty body: send a JSON ticket or JSONL tickets"}"#) }
        let body = request.body
        let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        guard let prepared = await prepare(bodyBytes: body.count, { [preparer] in preparer.prepare(lines: body) }) else {
            return shuttingDown()
        }
        var report: SubmitReport
        do {
            report = try await coalescer.submit(prepared.tickets, now: now)
        } catch {
            return unavailable("/tickets", error)
        }
        report.rejected = (prepared.rejected + report.rejected).sorted { ($0.line ?? .max) < ($1.line ?? .max) }
        record(report)
        let json = summary(report, endpoint: "/tickets")
        if report.notAccepted > 0 { return .json(503, json, headers: [("Retry-After", "5")]) }
        // A conflict is the client's mistake about an id, not a malformed line: 422, even when
        // other lines were accepted (the body counts them; sending them again finds duplicates).
        if report.conflicts > 0 { return .json(422, json) }
        if report.accepted + report.duplicates == 0 { return .json(400, json) }
        return .json(202, json)
    }

    /// Counts a report's tickets by outcome.
    func record(_ report: SubmitReport) {
        metrics.recordTickets("accepted", count: report.accepted)
        metrics.recordTickets("duplicate", count: report.duplicates)
        metrics.recordTickets("rejected", count: report.rejected.count - report.conflicts)
        metrics.recordTickets("conflict", count: report.conflicts)
        metrics.recordTickets("not_accepted", count: report.notAccepted)
    }

    /// The JSON answer for a report. Redis's refusal is logged, and the caller told only that the
    /// tickets were not accepted.
    /// `mimeDefects`, for an email made into a ticket, names what its parser recovered from.
    func summary(_ report: SubmitReport, endpoint: String, quarantined: String? = nil, reason: String? = nil, mimeDefects: [String]? = nil) -> String {
        var object = JSONObjectWriter()
        object.add("accepted", Int64(report.accepted))
        object.add("duplicate", Int64(report.duplicates))
        object.add("conflict", Int64(report.conflicts))
        let rejected = report.rejected.map { rejection -> String in
            var item = JSONObjectWriter()
            item.add("line", rejection.line.map(Int64.init))
            item.add("field", rejection.field)
            item.add("reason", rejection.reason)
            return item.json
        }
        object.addRaw("rejected", "[" + rejected.joined(separator: ",") + "]")
        if report.notAccepted > 0 {
            logger.warning("Redis did not accept tickets", metadata: ["endpoint": "\(endpoint)", "count": "\(report.notAccepted)", "error": "\(report.refusal ?? "none")"])
            object.add("not_accepted", Int64(report.notAccepted))
            object.add("refusal", "the ticket queue did not accept these tickets; retry later")
        }
        if let mimeDefects {
            object.addRaw("mime_defects", "[" + mimeDefects.map { "\"\($0)\"" }.joined(separator: ",") + "]")
        }
        if let quarantined {
            object.add("quarantined", quarantined)
            object.add("reason", reason)
        }
        return object.json
    }
}
