import Foundation
import TicketQCore
import TicketQLanes
import TicketQTestSupport
import Testing

/// Tickets that cannot be handled end in the dead-letter set with an outcome, through real worker
/// processes, and `ticketq dlq list` shows them.
struct ClusterDeadLetterTests {
    @Test(.timeLimit(.minutes(2)))
    func poisonTicketIsDeadLetteredAfterMaxDeliveries() async throws {
        let bench = try ClusterTestBench()
        let (file, ids) = try bench.writeTickets(20, prefix: "p")
        #expect(try await bench.submit(file).output.status == 0)
        let worker = try await bench.startReadyWorker(
            id: "poisoned", store: "a", handler: "simulate:fail=1", concurrency: 8, extra: ["--max-deliveries", "3"]
        )
        let settled = try await bench.eventually("all dead", timeout: .seconds(30)) { bench.outstanding() == 0 }
        #expect(settled, "\(bench.logs)")
        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")

        let ledger = try await bench.ledger(["a"])
        #expect(ledger.violations(expecting: ids, status: "dead").isEmpty, "\(ledger.violations(expecting: ids, status: "dead").joined(separator: "\n"))")
        #expect(ledger.rows.allSatisfy { $0.attempts == 3 && $0.deadReason == "handler_failed" }, "\(ledger.rows.map { ($0.ticketID, $0.attempts, $0.deadReason ?? "-") }.prefix(5))")

        let letters = try await deadLetters(bench)
        #expect(Set(letters.keys) == Set(ids))
        #expect(letters.values.allSatisfy { $0["reason"] as? String == "handler_failed" && $0["attempts"] as? Int == 3 }, "\(letters.first.map { "\($0)" } ?? "none")")
        let counts = try await bench.statusCounts()
        #expect(counts.depth == 0 && counts.inFlight == 0 && counts.deadLetter == ids.count, "status --json: \(counts)")
    }

    @Test(.timeLimit(.minutes(2)))
    func undecodablePayloadIsDeadLetteredAtOnceWithItsReason() async throws {
        let bench = try ClusterTestBench()
        let (file, ids) = try bench.writeTickets(10, prefix: "ok")
        #expect(try await bench.submit(file).output.status == 0)
        let junk = LaneEntry(
            id: "junk-1", lane: .standard, dueMillis: 1_900_000_000_000, promoteAtMillis: nil, enqueuedMillis: 0,
            contentDigest: "", payload: Array("{\"not\":\"a ticket payload\"".utf8)
        )
        #expect(try bench.laneStore().submit([junk]) == [.accepted])

        let worker = try await bench.startReadyWorker(id: "decoder", store: "a", handler: "acknowledge", concurrency: 8)
        let settled = try await bench.eventually("settled", timeout: .seconds(30)) { bench.outstanding() == 0 }
        #expect(settled, "\(bench.logs)")
        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")

        let ledger = try await bench.ledger(["a"])
        #expect(ledger.violations(expecting: ids + ["junk-1"]).count == 1, "only the junk ticket is not done: \(ledger.violations(expecting: ids + ["junk-1"]))")
        let row = try #require(ledger.byTicket["junk-1"]?.first)
        #expect(row.status == "dead" && row.isAccepted)
        #expect(row.deadReason == "payload_undecodable")
        #expect(row.attempts == 1, "an undecodable payload is not retried")

        let letters = try await deadLetters(bench)
        #expect(Set(letters.keys) == ["junk-1"])
        #expect(letters["junk-1"]?["reason"] as? String == "payload_undecodable")
        let show = try await bench.run(["dlq", "show", "junk-1", "--redis", bench.server.url])
        #expect(show.status == 0 && show.stdout.contains("payload_undecodable"), "\(show)")
    }

    /// `ticketq dlq list --json`: dead letter id → its recorded info object.
    private func deadLetters(_ bench: ClusterTestBench) async throws -> [String: [String: Any]] {
        let output = try await bench.run(["dlq", "list", "--redis", bench.server.url, "--json"])
        #expect(output.status == 0, "dlq list: \(output.stderr)")
        var letters: [String: [String: Any]] = [:]
        for line in output.stdout.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            if let id = object["id"] as? String { letters[id] = object["info"] as? [String: Any] ?? [:] }
        }
        return letters
    }
}
