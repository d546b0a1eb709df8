import Foundation
import TicketQCore
import TicketQHTTP
import TicketQIntake
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import Logging

extension IntakeService {
    /// `POST /tickets`: a JSON ticket or JSONL tickets, submitted over a pooled connection.
    func tickets(_ request: HTTPRequest) async -> HTTPResponse {
        guard !request.body.isEmpty else { return .json(400, #"{"error":"empty body: send a JSON ticket or JSONL tickets"}"#) }
        let body = request.body
        let report: SubmitReport
        do {
            // Only reading the high-volume schedule can throw (batch failures are counted in the
            // report), so running the work again on a fresh connection cannot submit twice.
            report = try await redis.run(retry: .idempotent(maxAttempts: 2)) { [self] connection in
                let submitter = try makeSubmitter(LaneStore(connection: connection, keys: keys))
                let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
                var number = 0
                for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                    number += 1
                    submitter.add(line: line, number: number, now: now)
                }
                submitter.finish()
                return submitter.report
            }
        } catch {
            return unavailable("/tickets", error)
        }
        record(report)
        let json = summary(report, endpoint: "/tickets")
        if report.notAccepted > 0 { return .json(503, json, headers: [("Retry-After", "5")]) }
        if report.accepted + report.duplicates == 0 { return .json(400, json) }
        return .json(202, json)
    }

    /// A submitter that sends on the calling executor thread over `lanes`.
    func makeSubmitter(_ lanes: LaneStore) throws -> TicketSubmitter {
        TicketSubmitter(
            catalog: catalog, highVolume: try TicketSubmitter.highVolumeSchedule(from: lanes), batchSize: 1000, triager: triager, lanes: lanes
        )
    }

    /// Counts a report's tickets by outcome.
    func record(_ report: SubmitReport) {
        metrics.recordTickets("accepted", count: report.accepted)
        metrics.recordTickets("duplicate", count: report.duplicates)
        metrics.recordTickets("rejected", count: report.rejected.count)
        metrics.recordTickets("not_accepted", count: report.notAccepted)
    }

    /// The JSON answer for a report. Redis's refusal is logged, and the caller told only that the
    /// tickets were not accepted.
    func summary(_ report: SubmitReport, endpoint: String, quarantined: String? = nil, reason: String? = nil) -> String {
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
            logger.warning("Redis did not accept tickets", metadata: ["endpoint": "\(endpoint)", "count": "\(report.notAccepted)", "error": "\(report.refusal ?? "none")"])
            object.add("not_accepted", Int64(report.notAccepted))
            object.add("refusal", "the ticket queue did not accept these tickets; retry later")
        }
        if let quarantined {
            object.add("quarantined", quarantined)
            object.add("reason", reason)
        }
        return object.json
    }
}
