import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// `ticketq dlq` against a real redis-server, on tickets dead-lettered through `LaneStore`.
struct DLQCommandTests {
    @Test func listShowsEveryDeadLetterAsTableAndJSONL() throws {
        let context = try OperatorTestContext()
        try context.submit(["a-1", "a-2"])
        _ = try context.claimAndDeadLetter(lastError: "timeout talking to the mail API, " + String(repeating: "x", count: 200))

        let table = try context.run(["dlq", "list"])
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("id"))
        #expect(lines[0].contains("last error"))
        #expect(lines[2].hasPrefix("a-1") && lines[3].hasPrefix("a-2"))
        #expect(lines[2].contains("too many deliveries"))
        #expect(lines[2].contains("Z "))
        #expect(lines[2].contains("…"))
        #expect(!table.stdout.contains(String(repeating: "x", count: 100)))

        let jsonl = try context.run(["dlq", "list", "--json"])
        #expect(jsonl.status == 0)
        let records = try jsonl.stdout.split(separator: "\n").map(OperatorTestContext.object)
        #expect(records.map { $0["id"] as? String } == ["a-1", "a-2"])
        let info = try #require(records[0]["info"] as? [String: Any])
        #expect(info["attempts"] as? Int == 5)
        #expect((info["last_error"] as? String)?.count == 233)
        #expect((records[0]["dead_at"] as? String)?.hasSuffix("Z") == true)
    }

    @Test func emptyDeadLetterSetSaysSo() throws {
        let context = try OperatorTestContext()
        let output = try context.run(["dlq", "list"])
        #expect(output.status == 0)
        #expect(output.stdout == "no dead letters\n")
        #expect(try context.run(["dlq", "list", "--json"]).stdout.isEmpty)
    }

    @Test func showPrintsInfoAndPayloadAndEscapesBinaryBytes() throws {
        let context = try OperatorTestContext()
        try context.submit(["text"], payload: { _ in Array("{\"subject\":\"Où est ma commande ?\"}".utf8) })
        try context.submit(["binary"], payload: { _ in [0x48, 0x69, 0x1B, 0x5B, 0x32, 0x4A, 0xFF, 0xC3, 0x0A, 0x6F, 0x6B] })
        _ = try context.claimAndDeadLetter(reason: "undecodable payload")

        let text = try context.run(["dlq", "show", "text"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("id: text\n"))
        #expect(text.stdout.contains("info: {\"reason\":\"undecodable payload\""))
        #expect(text.stdout.contains("payload (\(Array("{\"subject\":\"Où est ma commande ?\"}".utf8).count) bytes):\n{\"subject\":\"Où est ma commande ?\"}\n"))

        let binary = try context.run(["dlq", "show", "binary"])
        #expect(binary.status == 0)
        #expect(binary.stdout.contains("payload (11 bytes, not plain UTF-8 text: escaped):\nHi\\x1b[2J\\xff\\xc3\nok\n"))
        #expect(!binary.stdout.utf8.contains(0x1B))

        let missing = try context.run(["dlq", "show", "nope"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no dead letter with id nope"))
    }

    @Test func requeuePutsTicketsBackAndCountsThem() throws {
        let context = try OperatorTestContext()
        try context.submit(["r-1", "r-2", "r-3"])
        _ = try context.claimAndDeadLetter()

        let one = try context.run(["dlq", "requeue", "r-2"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout == "requeued 1 dead letter\n")
        var snapshot = try context.lanes.snapshot()
        #expect(snapshot.deadLetters == 2)
        #expect(snapshot.lanes[.standard]?.depth == 1)
        let again = try #require(try context.lanes.claim(worker: "w", batchSize: 10).tickets.first)
        #expect(again.lease.id == "r-2")
        #expect(again.attempts == 1)

        let unknown = try context.run(["dlq", "requeue", "r-1", "never-dead"])
        #expect(unknown.status == 1)
        #expect(unknown.stdout == "requeued 1 dead letter\n")
        #expect(unknown.stderr.contains("1 of the 2 given ids was not requeued"))

        let all = try context.run(["dlq", "requeue", "--all"])
        #expect(all.status == 0)
        #expect(all.stdout == "requeued 1 dead letter\n")
        snapshot = try context.lanes.snapshot()
        #expect(snapshot.deadLetters == 0)
        #expect(snapshot.lanes[.standard]?.depth == 2)
    }

    @Test func requeueNeedsIdsOrAll() throws {
        let context = try OperatorTestContext()
        let neither = try context.run(["dlq", "requeue"])
        #expect(neither.status == 64)
        #expect(neither.stderr.contains("--all"))
        let both = try context.run(["dlq", "requeue", "x", "--all"])
        #expect(both.status == 64)
    }

    @Test func purgeRequiresYesAndDeletesEverything() throws {
        let context = try OperatorTestContext()
        try context.submit(["p-1", "p-2"])
        _ = try context.claimAndDeadLetter()

        let refused = try context.run(["dlq", "purge"])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--yes"))
        #expect(try context.lanes.snapshot().deadLetters == 2)

        let purged = try context.run(["dlq", "purge", "--yes"])
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(purged.stdout == "purged 2 dead letters\n")
        #expect(try context.lanes.snapshot().deadLetters == 0)
        #expect(try context.lanes.deadLetter(id: "p-1") == nil)
        // Their payloads are gone too.
        #expect(try context.lanes.connection.command("HLEN", "{ops}:ticket").int == 0)
    }
}
