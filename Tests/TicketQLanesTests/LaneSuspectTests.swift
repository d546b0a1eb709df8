import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import Testing

/// Tickets a worker died holding (suspects of killing workers) are claimed one at a time until
/// they settle, so that a poison ticket cannot charge deliveries to a whole batch.
struct LaneSuspectTests {
    let due = LaneTestContext.nowMillis + 3_600_000

    @Test func aDeadWorkersTicketsAreClaimedAloneUntilTheySettle() throws {
        let context = try LaneTestContext()
        _ = try context.store.submit((0..<5).map { LaneTestContext.entry("s\($0)", .standard, due: due + Int64($0)) })
        _ = try context.store.submit([LaneTestContext.entry("fresh", .extended, due: due + 100)])
        #expect(try context.store.claim(worker: "gone", batchSize: 5).tickets.count == 5)
        #expect(try context.store.requeueInFlight(ofWorker: "gone") == 5)
        // Suspects still count as queued in their lane.
        #expect(try context.store.snapshot().lanes[.standard]?.queued == 5)

        // An urgent-only claim never takes them; a general claim takes one, alone, before the lanes.
        #expect(try context.store.claim(worker: "u", batchSize: 10, scope: .urgentOnly).tickets.isEmpty)
        let first = try context.store.claim(worker: "w", batchSize: 10).tickets
        #expect(first.map(\.lease.id) == ["s0"])
        #expect(first.first?.crashedDeliveries == 1 && first.first?.attempts == 2)
        #expect(try context.store.acknowledge(first.map(\.lease)) == [true])

        // A suspect handed back (graceful stop) or retried stays a suspect.
        let second = try #require(try context.store.claim(worker: "w", batchSize: 10).tickets.first)
        #expect(second.lease.id == "s1")
        #expect(try context.store.release([second.lease]) == [true])
        let again = try context.store.claim(worker: "w", batchSize: 10).tickets
        #expect(again.map(\.lease.id) == ["s1"])
        #expect(try context.store.retry(again[0].lease, after: .zero))

        // Dying with a suspect in hand counts one more crash for it alone.
        let held = try context.store.claim(worker: "doomed", batchSize: 10).tickets
        #expect(held.count == 1)
        #expect(try context.store.requeueInFlight(ofWorker: "doomed") == 1)

        var seen: [String: Int] = [:]
        while true {
            let batch = try context.store.claim(worker: "w", batchSize: 10).tickets
            if batch.isEmpty { break }
            if batch.contains(where: { $0.crashedDeliveries > 0 }) { #expect(batch.count == 1) }
            for ticket in batch { seen[ticket.lease.id] = ticket.crashedDeliveries }
            #expect(try context.store.acknowledge(batch.map(\.lease)).allSatisfy { $0 })
        }
        #expect(seen.keys.sorted() == ["fresh", "s1", "s2", "s3", "s4"])
        #expect(seen["fresh"] == 0)
        #expect(seen[held[0].lease.id] == 2)
        // Settled tickets leave no crash count behind.
        #expect(try context.store.connection.command("EXISTS", "{test}:crashes").int == 0)
    }

    @Test func aRequeuedDeadLetterStartsAgainWithoutSuspicion() throws {
        let context = try LaneTestContext()
        _ = try context.store.submit([LaneTestContext.entry("d", .standard, due: due)])
        _ = try context.store.claim(worker: "gone", batchSize: 1)
        _ = try context.store.requeueInFlight(ofWorker: "gone")
        let suspect = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(suspect.crashedDeliveries == 1)
        #expect(try context.store.deadLetter([(suspect.lease, #"{"reason":"crashed_worker"}"#)]) == [true])
        #expect(try context.store.requeueDeadLetters(["d"]) == 1)
        let fresh = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(fresh.crashedDeliveries == 0 && fresh.attempts == 1)
    }
}
