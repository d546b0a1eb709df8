import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import Testing

/// Tickets a worker died holding (suspects of killing workers) wait apart and are claimed one at
/// a time until they settle, so that a poison ticket cannot charge deliveries to a whole batch.
struct LaneSuspectTests {
    let due = LaneTestContext.nowMillis + 3_600_000

    @Test func aDeadWorkersTicketsWaitApartAndAreClaimedAlone() throws {
        let context = try LaneTestContext()
        _ = try context.store.submit((0..<5).map { LaneTestContext.entry("s\($0)", .standard, due: due + Int64($0)) })
        #expect(try context.store.claim(worker: "gone", batchSize: 5).tickets.count == 5)
        _ = try context.store.submit([LaneTestContext.entry("fresh", .extended, due: due + 100)])
        #expect(try context.store.requeueInFlight(ofWorker: "gone") == 5)
        // Suspects still count as queued in their lane.
        #expect(try context.store.snapshot().lanes[.standard]?.queued == 5)

        // Batch and urgent claims never take them, and say how many wait.
        let general = try context.store.claim(worker: "w", batchSize: 10)
        #expect(general.tickets.map(\.lease.id) == ["fresh"] && general.suspectsWaiting == 5)
        #expect(try context.store.acknowledge(general.tickets.map(\.lease)) == [true])
        #expect(try context.store.claim(worker: "u", batchSize: 10, scope: .urgentOnly).tickets.isEmpty)

        // A suspect claim takes suspects of one crash together, earliest deadline first.
        let first = try context.store.claim(worker: "w", batchSize: 2, scope: .suspect)
        #expect(first.tickets.map(\.lease.id) == ["s0", "s1"] && first.suspectsWaiting == 3)
        #expect(first.tickets.allSatisfy { $0.crashedDeliveries == 1 && $0.attempts == 2 })
        #expect(try context.store.acknowledge(first.tickets.map(\.lease)) == [true, true])

        // A suspect handed back (graceful stop) or retried stays a suspect.
        let second = try #require(try context.store.claim(worker: "w", batchSize: 1, scope: .suspect).tickets.first)
        #expect(second.lease.id == "s2")
        #expect(try context.store.release([second.lease]) == [true])
        let again = try context.store.claim(worker: "w", batchSize: 1, scope: .suspect).tickets
        #expect(again.map(\.lease.id) == ["s2"])
        #expect(try context.store.retry(again[0].lease, after: .zero))

        // Dying with a suspect in hand counts one more crash for it alone.
        let held = try context.store.claim(worker: "doomed", batchSize: 1, scope: .suspect).tickets
        #expect(held.map(\.lease.id) == ["s2"])
        #expect(try context.store.requeueInFlight(ofWorker: "doomed") == 1)

        // A suspect of two crashes goes alone; the others still go together.
        var claims: [[String]] = []
        var seen: [String: Int] = [:]
        while true {
            let batch = try context.store.claim(worker: "w", batchSize: 10, scope: .suspect)
            if batch.tickets.isEmpty { break }
            claims.append(batch.tickets.map(\.lease.id))
            for ticket in batch.tickets { seen[ticket.lease.id] = ticket.crashedDeliveries }
            #expect(try context.store.acknowledge(batch.tickets.map(\.lease)).allSatisfy { $0 })
        }
        #expect(claims == [["s2"], ["s3", "s4"]])
        #expect(seen == ["s2": 2, "s3": 1, "s4": 1])
        #expect(try context.store.claim(worker: "w", batchSize: 10).suspectsWaiting == 0)
        // Settled tickets leave no crash count behind.
        #expect(try context.store.connection.command("EXISTS", "{test}:crashes").int == 0)
    }

    @Test func aRequeuedDeadLetterStartsAgainWithoutSuspicion() throws {
        let context = try LaneTestContext()
        _ = try context.store.submit([LaneTestContext.entry("d", .standard, due: due)])
        _ = try context.store.claim(worker: "gone", batchSize: 1)
        _ = try context.store.requeueInFlight(ofWorker: "gone")
        let suspect = try #require(try context.store.claim(worker: "w", batchSize: 1, scope: .suspect).tickets.first)
        #expect(suspect.crashedDeliveries == 1)
        #expect(try context.store.deadLetter([(suspect.lease, #"{"reason":"crashed_worker"}"#)]) == [true])
        #expect(try context.store.requeueDeadLetters(["d"]) == 1)
        let fresh = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(fresh.crashedDeliveries == 0 && fresh.attempts == 1)
    }
}
