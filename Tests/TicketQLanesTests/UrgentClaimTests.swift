import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// The urgent fast path's lane side: urgent-only claims, the reserve a general claim leaves,
/// and the urgent wake-up list.
struct UrgentClaimTests {
    private static let due: Int64 = 1_900_000_000_000

    private func fill(_ context: LaneTestContext, urgent: Int, standard: Int) throws {
        var entries: [LaneEntry] = []
        for index in 0..<urgent { entries.append(LaneTestContext.entry("u-\(index)", .sameBusinessDay, due: Self.due + Int64(index))) }
        for index in 0..<standard { entries.append(LaneTestContext.entry("s-\(index)", .standard, due: Self.due + Int64(index))) }
        #expect(try context.store.submit(entries).allSatisfy { $0 == .accepted })
    }

    private func credit(_ context: LaneTestContext) throws -> String? {
        let connection = try RedisConnection(url: try RedisURL(context.server.url))
        return try connection.command([Array("GET".utf8), context.store.keys.key(.credit)]).string
    }

    @Test func anUrgentOnlyClaimTakesTheSameBusinessDayLaneAndLeavesTheLowerTiersShareAlone() throws {
        let context = try LaneTestContext()
        try fill(context, urgent: 3, standard: 5)
        let creditBefore = try credit(context)
        let batch = try context.store.claim(worker: "w", batchSize: 10, scope: .urgentOnly)
        #expect(batch.tickets.map(\.lease.id) == ["u-0", "u-1", "u-2"])
        #expect(batch.tickets.allSatisfy { $0.lane == .sameBusinessDay && $0.attempts == 1 })
        // The payload and meta come in the claim's own reply, as a general claim fetches them.
        #expect(batch.tickets.map { $0.payload.map { String(decoding: $0, as: UTF8.self) } } == ["payload-u-0", "payload-u-1", "payload-u-2"])
        #expect(batch.tickets.allSatisfy { $0.intakeLane == .sameBusinessDay && !$0.promoted && $0.enqueuedMillis > 0 })
        #expect(try credit(context) == creditBefore)
        let snapshot = try context.store.snapshot()
        #expect(snapshot.lanes[.standard]?.queued == 5)
        #expect(snapshot.inFlight == 3)
        #expect(try context.store.claim(worker: "w", batchSize: 10, scope: .urgentOnly).tickets.isEmpty)
    }

    @Test func aGeneralClaimLeavesTheReservedUrgentTicketsToTheUrgentClaimers() throws {
        let context = try LaneTestContext()
        try fill(context, urgent: 3, standard: 5)
        let general = try context.store.claim(worker: "w", batchSize: 10, scope: .allLanes(leavingUrgent: 2))
        #expect(general.tickets.count == 6)
        #expect(general.tickets.filter { $0.lane == .sameBusinessDay }.map(\.lease.id) == ["u-0"])
        #expect(try context.store.snapshot().lanes[.sameBusinessDay]?.queued == 2)
        let urgent = try context.store.claim(worker: "u", batchSize: 10, scope: .urgentOnly)
        #expect(urgent.tickets.map(\.lease.id) == ["u-1", "u-2"])
    }

    @Test func withoutAReserveAGeneralClaimTakesUrgentTicketsFirstAsBefore() throws {
        let context = try LaneTestContext()
        try fill(context, urgent: 3, standard: 5)
        let general = try context.store.claim(worker: "w", batchSize: 3)
        #expect(general.tickets.map(\.lease.id) == ["u-0", "u-1", "u-2"])
    }

    @Test func onlyUrgentWorkRingsTheUrgentWakeUpList() throws {
        let context = try LaneTestContext()
        let waiter = LaneStore(connection: try RedisConnection(url: try RedisURL(context.server.url)), keys: context.store.keys)
        try fill(context, urgent: 0, standard: 3)
        #expect(try waiter.waitForUrgentWork(timeout: .milliseconds(100)) == false)
        try fill(context, urgent: 1, standard: 0)
        #expect(try waiter.waitForUrgentWork(timeout: .seconds(10)) == true)
        // A ticket handed back to the same-business-day lane rings it again.
        let claimed = try context.store.claim(worker: "w", batchSize: 1, scope: .urgentOnly)
        while try waiter.waitForUrgentWork(timeout: .milliseconds(50)) {}
        #expect(try context.store.release(claimed.tickets.map(\.lease)) == [true])
        #expect(try waiter.waitForUrgentWork(timeout: .seconds(10)) == true)
    }
}
