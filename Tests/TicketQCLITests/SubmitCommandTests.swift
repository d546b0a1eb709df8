import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
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

    /// A brand whose high-volume history cannot be read has an unknown switch: its tickets are
    /// refused with the reason, the other brands' tickets go in.
    @Test func aBrandWithAnUnreadableHighVolumeHistoryIsRefusedAndTheOthersGoIn() throws {
        let context = try OperatorTestContext()
        try context.lanes.setHighVolume(brand: "mejurn", on: true, atMillis: OperatorTestContext.nowMillis - 60_000)
        try context.lanes.connection.command([
            Array("HSET".utf8), context.lanes.keys.key(.highVolume), Array("pandorana".utf8), Array("[[1000,9]]".utf8),
        ])
        let file = context.directory.file("tickets.jsonl")
        try [ticket("p-1"), ticket("m-1", brand: "mejurn", category: "order_discrepancy"), ticket("p-2")]
            .joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let output = try context.run(["submit", file.path])
        #expect(output.status == 2, "\(output.stderr)")
        #expect(output.stdout.contains("accepted 1, duplicate 0, rejected 2"), "\(output.stdout)")
        #expect(output.stderr.contains(#"line 1: field "brand": the SLA of brand "pandorana" cannot be planned"#), "\(output.stderr)")
        #expect(output.stderr.contains("line 3:"))
        #expect(output.stderr.contains(#"high-volume history of brand "pandorana": change 1 is not a pair"#), "\(output.stderr)")
        #expect(try context.lanes.snapshot().lanes.values.map(\.depth).reduce(0, +) == 1)
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

    @Test func aResubmitWithOtherContentIsAConflictAndTheFirstTicketStands() throws {
        let context = try OperatorTestContext()
        let first = context.directory.file("first.jsonl")
        try [ticket("keep-1"), ticket("keep-2")].joined(separator: "\n").write(to: first, atomically: true, encoding: .utf8)
        #expect(try context.run(["submit", first.path]).status == 0)

        let changed = ticket("keep-2").replacingOccurrences(of: "Where is my order?", with: "Cancel my order, please.")
        let second = context.directory.file("second.jsonl")
        try [ticket("keep-1"), changed, ticket("new-1"), changed].joined(separator: "\n").write(to: second, atomically: true, encoding: .utf8)
        let output = try context.run(["submit", "--json", second.path])
        #expect(output.status == 2, "\(output.stderr)")
        let summary = try OperatorTestContext.object(output.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(summary["accepted"] as? Int == 1)
        #expect(summary["duplicate"] as? Int == 1)
        #expect(summary["conflict"] as? Int == 2)
        #expect(summary["rejected"] as? Int == 2)
        #expect(output.stderr.contains(#"line 2: field "id": conflict: ticket "keep-2" was already submitted with different content"#), "\(output.stderr)")
        #expect(output.stderr.contains(#"line 4: field "id": conflict"#), "\(output.stderr)")

        // The first ticket's text is the one queued.
        let payload = try #require(try context.lanes.connection.command("HGET", "{ops}:ticket", "keep-2").string)
        #expect(payload.contains("Where is my order?") && !payload.contains("Cancel my order"))
    }
}
