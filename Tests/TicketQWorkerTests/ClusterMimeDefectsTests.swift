import Foundation
import TicketQTestSupport
import Testing

/// What the lenient email parser recovered from travels with the ticket: in the intake's answer,
/// in the queued payload, and in the worker's outcome row (`outcomes get` and `outcomes` list).
struct ClusterMimeDefectsTests {
    static let token = "defect-token-0123456789abcdef"

    private static func post(_ port: Int, _ raw: String) async throws -> (status: Int, json: [String: Any]) {
        let response = try await HTTPTestClient.offPool {
            try HTTPTestClient(port: port).request(
                "POST", "/inbound/email", headers: ["Authorization": "Bearer \(token)", "Content-Type": "message/rfc822"], body: Array(raw.utf8)
            )
        }
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:])
    }

    private static func json(_ line: Substring) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] ?? [:]
    }

    @Test(.timeLimit(.minutes(2)))
    func defectsReachTheOutcomeRecord() async throws {
        let bench = try ClusterTestBench()
        let port = try FreePort.allocate()
        let tokens = bench.directory.file("tokens")
        try "\(Self.token)\n".write(to: tokens, atomically: true, encoding: .utf8)
        let intake = try bench.startProcess(name: "intake", ["intake", "--redis", bench.server.url, "--listen", "127.0.0.1:\(port)", "--token-file", tokens.path])
        let up = try await bench.eventually("intake ready", timeout: .seconds(20)) {
            (try? HTTPTestClient.get(port: port, "/readyz"))?.status == 200 || !intake.isRunning
        }
        try #require(up, "\(intake.logTail())")

        // Copied out of an mbox (its envelope line kept), and without the blank line after the
        // headers; the other message is clean.
        let odd = "From ann@example.com Mon Nov 23 09:00:00 2026\r\nFrom: ann@example.com\r\nTo: care@mejurn.example\r\nSubject: Parcel\r\nMessage-ID: <odd-1@example.com>\r\nMy parcel never arrived.\r\n"
        let clean = "From: bob@example.com\r\nTo: care@mejurn.example\r\nSubject: Account\r\nMessage-ID: <clean-1@example.com>\r\n\r\nHow do I reset my password?\r\n"
        let oddAnswer = try await Self.post(port, odd)
        #expect(oddAnswer.status == 202 && Set(oddAnswer.json["mime_defects"] as? [String] ?? []) == ["mbox_from_line", "missing_header_separator"], "\(oddAnswer.json)")
        let cleanAnswer = try await Self.post(port, clean)
        #expect(cleanAnswer.status == 202 && cleanAnswer.json["mime_defects"] as? [String] == [], "\(cleanAnswer.json)")

        try await bench.startReadyWorker(id: "defect-worker", store: "defects")
        let drained = try await bench.eventually("drained", timeout: .seconds(30)) { bench.outstanding() == 0 }
        #expect(drained, "\(bench.logs)")
        let listed = try await bench.run(["outcomes", "--db", bench.storePath("defects"), "--format", "jsonl"])
        let rows = listed.stdout.split(separator: "\n").map(Self.json)
        #expect(rows.count == 2, "\(listed.stdout)\(listed.stderr)")
        let oddRow = try #require(rows.first { $0["mime_defects"] is String }, "\(listed.stdout)")
        let defects = try #require(oddRow["mime_defects"] as? String)
        #expect(Set(defects.split(separator: ",").map(String.init)) == ["mbox_from_line", "missing_header_separator"])
        #expect(rows.filter { $0["mime_defects"] is NSNull }.count == 1, "the clean message has none: \(listed.stdout)")

        let id = try #require(oddRow["ticket_id"] as? String)
        let got = try await bench.run(["outcomes", "get", id, "--db", bench.storePath("defects")])
        #expect(Self.json(Substring(got.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))["mime_defects"] as? String == defects, "\(got.stdout)\(got.stderr)")
    }
}
