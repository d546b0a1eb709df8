import Foundation
import TicketQCore
import TicketQLanes
import TicketQTestSupport
import Testing

/// `ticketq submit` against a private redis-server: good lines go in, bad lines are reported.
struct SubmitCommandTests {
    func ticket(_ id: String, brand: String = "pandorana", category: String = "general") -> String {
        #"{"id":"\#(id)","brand":"\#(brand)","received_at":"2026-11-27T15:00:00Z","subject":"Help","body":"Where is my order?","category":"\#(category)"}"#
    }

    @Test func badLinesAreReportedWithTheirLineNumbersAndTheRestIsEnqueued() throws {
        let context = try OperatorTestContext()
        let input = [
            ticket("ok-1"),
            #"{"id":"broken", "brand":"#,
            ticket("ok-2", brand: "mejurn", category: "order_discrepancy"),
            ticket("nobody-1", brand: "acme"),
            "",
            ticket("ok-3", category: "complaint"),
        ].joined(separator: "\n")
        let file = context.directory.file("tickets.jsonl")
        try input.write(to: file, atomically: true, encoding: .utf8)
        let output = try context.run(["submit", file.path])
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stdout.contains("accepted 3, duplicate 0, rejected 2"))
        #expect(output.stderr.contains("line 2:"))
        #expect(output.stderr.contains("line 4:"))
        #expect(output.stderr.contains("unknown brand \"acme\""))
        let snapshot = try context.lanes.snapshot()
        #expect(snapshot.lanes[.standard]?.depth == 2)
        #expect(snapshot.lanes[.sameBusinessDay]?.depth == 1)

        let again = try context.run(["submit", "--json", file.path])
        #expect(again.status == 2)
        let summary = try OperatorTestContext.object(again.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(summary["accepted"] as? Int == 0)
        #expect(summary["duplicate"] as? Int == 3)
        #expect(summary["rejected"] as? Int == 2)
    }

    @Test func ticketsRedisRefusesAreCountedAndTheExitStatusIsOne() throws {
        let context = try OperatorTestContext(options: RedisServerOptions(maxMemory: "2mb", maxMemoryPolicy: "noeviction"))
        let body = String(repeating: "x", count: 60_000)
        let lines = (0..<200).map { index in
            #"{"id":"big-\#(index)","brand":"pandorana","received_at":"2026-11-27T15:00:00Z","body":"\#(body)"}"#
        }
        let file = context.directory.file("big.jsonl")
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let output = try context.run(["submit", "--batch", "10", file.path])
        #expect(output.status == 1, "\(output.stdout) \(output.stderr)")
        #expect(output.stdout.contains("not accepted"))
        #expect(output.stderr.contains("OOM"))
    }
}
