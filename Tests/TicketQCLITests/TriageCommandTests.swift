import Foundation
import TicketQTestSupport
import Testing

/// `ticketq triage --jsonl`: one decision per line, bad lines answered with an error and exit 1.
struct TriageCommandTests {
    private func triage(_ lines: [String], _ arguments: [String] = []) async throws -> (records: [[String: Any]], status: Int32, stderr: String) {
        let output = try await ProcessRunner.runOffPool(ProcessRunner.product("ticketq"), ["triage", "--jsonl"] + arguments, input: lines.joined(separator: "\n") + "\n")
        let records = try output.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        return (records, output.status, output.stderr)
    }

    @Test func answersTicketsAndTextLines() async throws {
        let result = try await triage([
            #"{"id":"t1","brand":"mejurn","received_at":"2026-11-27T10:00:00Z","subject":"Parcel","body":"My parcel never arrived"}"#,
            #"{"id":"t2","text":"I want to cancel my order"}"#,
            "",
        ], ["--brand", "pandorana"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.records.count == 2)
        let first = result.records[0]
        #expect(first["id"] as? String == "t1")
        #expect(first["category"] as? String == "shipping_undelivered")
        #expect(first["urgent"] as? Bool == true)
        #expect(Set(first.keys) == ["id", "intent", "confidence", "category", "urgent", "complex", "needs_review"])
        let second = result.records[1]
        #expect(second["intent"] as? String == "cancel_order")
        #expect(second["category"] as? String == "order_modification", "--brand applies to lines without one")
    }

    @Test func withoutABrandCategoryAndUrgencyAreLeftOut() async throws {
        let result = try await triage([#"{"id":"x","text":"where is my order?"}"#])
        #expect(result.records.first?["category"] == nil && result.records.first?["urgent"] == nil)
        #expect(result.records.first?["intent"] as? String == "track_order")
    }

    @Test func badLinesGetAnErrorAndTheRestAreAnswered() async throws {
        let result = try await triage([
            "not json",
            #"{"id":"a","brand":"nowhere","text":"hello there friend"}"#,
            #"{"id":"b"}"#,
            #"{"id":"c","text":"I forgot my password"}"#,
        ])
        #expect(result.status == 1)
        #expect(result.records.count == 4)
        #expect((result.records[0]["error"] as? String)?.contains("JSON") == true)
        #expect((result.records[1]["error"] as? String)?.contains("nowhere") == true)
        #expect((result.records[2]["error"] as? String)?.contains("text") == true)
        #expect(result.records[3]["intent"] as? String == "recover_password")
    }

    @Test func emailDecisionsNameWhatTheParserRecoveredFrom() async throws {
        let directory = try TemporaryDirectory()
        let odd = directory.file("odd.eml")
        try "From ann@example.com Mon Nov 23 09:00:00 2026\nFrom: ann@example.com\nTo: care@mejurn.example\nSubject: Parcel\nMessage-ID: <o-1@example.com>\n\nMy parcel never arrived.\n"
            .write(to: odd, atomically: true, encoding: .utf8)
        let clean = directory.file("clean.eml")
        try "From: bob@example.com\nTo: care@mejurn.example\nSubject: Account\nMessage-ID: <c-1@example.com>\n\nHow do I reset my password?\n"
            .write(to: clean, atomically: true, encoding: .utf8)
        let output = try await ProcessRunner.runOffPool(ProcessRunner.product("ticketq"), ["triage", "--format", "eml", odd.path, clean.path])
        #expect(output.status == 0, "\(output.stderr)")
        let records = try output.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        #expect(records.count == 2)
        #expect(records.first?["mime_defects"] as? [String] == ["mbox_from_line"], "\(output.stdout)")
        #expect(records.last?["mime_defects"] as? [String] == [], "\(output.stdout)")
    }
}
