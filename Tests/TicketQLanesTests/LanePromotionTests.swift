import Foundation
import TicketQCore
import TicketQLanes
import Testing

/// Promotion of lower-tier tickets into the same-business-day lane.
struct LanePromotionTests {
    let due: Int64 = 1_900_000_000_000

    @Test func dueTicketsMoveOnceAndKeepTheirIntakeLane() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(lowerTierShare: 0))
        let past = LaneTestContext.nowMillis - 1000
        let future = LaneTestContext.nowMillis + 3_600_000
        _ = try context.store.submit([
            LaneTestContext.entry("now", .standard, due: due, promoteAt: past),
            LaneTestContext.entry("later", .extended, due: due - 10, promoteAt: future),
            LaneTestContext.entry("urgent", .sameBusinessDay, due: due + 10),
        ])
        let racer = try context.anotherStore()
        let moved = try context.store.promote() + racer.promote()
        #expect(moved == 1)
        let batch = try context.store.claim(worker: "w", batchSize: 3)
        #expect(batch.tickets.map(\.lease.id) == ["now", "urgent", "later"])
        let promoted = batch.tickets[0]
        #expect(promoted.lane == .sameBusinessDay)
        #expect(promoted.intakeLane == .standard)
        #expect(promoted.promoted)
        #expect(batch.tickets[2].promoted == false)
    }

    @Test func ticketsInFlightWhenPromotedComeBackUrgent() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(lowerTierShare: 0))
        _ = try context.store.submit([LaneTestContext.entry("t", .standard, due: due, promoteAt: LaneTestContext.nowMillis + 200)])
        let first = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try context.store.promote() == 1)
        #expect(try context.store.release([first.lease]) == [true])
        let snapshot = try context.store.snapshot()
        #expect(snapshot.lanes[.sameBusinessDay]?.queued == 1)
        #expect(snapshot.lanes[.standard]?.queued == 0)
    }
}
