import Foundation
import Testing
import TicketQCore
@testable import TicketQLanes
import TicketQRedis

/// A deployment that keeps its promotions as library version 3 did (one sorted set, id →
/// instant, no `promotion_lists` mark) is refused by this release's functions until the move into
/// lists by instant; the move keeps every live lower-tier ticket's promotion.
struct LanePromotionListMigrationTests {
    let due = LaneTestContext.nowMillis + 3_600_000

    @Test func functionsRefuseUntilThePromotionsAreMovedAndTheMoveKeepsThem() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(lowerTierShare: 0))
        let store = context.store
        let past = LaneTestContext.nowMillis - 1000
        let future = LaneTestContext.nowMillis + 3_600_000
        _ = try store.submit([
            LaneTestContext.entry("flight", .extended, due: due),
            LaneTestContext.entry("queued", .standard, due: due + 1),
            LaneTestContext.entry("later", .standard, due: due + 2),
            LaneTestContext.entry("urgent", .sameBusinessDay, due: due + 3),
        ])
        let inFlight = try #require(try store.claim(worker: "w", batchSize: 1, scope: .allLanes(leavingUrgent: 1)).tickets.first)
        #expect(inFlight.lease.id == "flight")
        // What library version 3 left: the instants by id, one of a ticket settled since (its
        // entry was deleted with it then; here it is stale on purpose) and one of an urgent ticket.
        let connection = store.connection
        try connection.command("ZADD", "{test}:promote", String(past), "queued", String(past), "flight", String(future), "later",
                               String(past), "settled", String(past), "urgent")
        try connection.command("HDEL", "{test}:deployment", "promotion_lists")

        #expect(throws: LanesError.self) { try store.requireLibrary() }
        LaneTestContext.expectSubmitNeedsMigration(store, due: due)
        #expect(throws: LanesError.self) { try store.promote() }

        #expect(try store.moveToPromotionLists(batch: 2) == 3)
        #expect(try connection.command("EXISTS", "{test}:promote").int == 0)
        #expect(try store.moveToPromotionLists() == 0, "a rerun moves nothing")
        try store.requireLibrary()
        let pastList = try connection.command("LRANGE", String(decoding: store.keys.promotionList(instantMillis: past), as: UTF8.self), "0", "-1").array?.compactMap(\.string)
        #expect(Set(pastList ?? []) == ["\(due + 1):queued", "\(due):flight"])

        #expect(try store.promote() == 2)
        #expect(try store.release([inFlight.lease]) == [true])
        let claimed = try store.claim(worker: "w", batchSize: 10).tickets
        #expect(claimed.map(\.lease.id) == ["flight", "queued", "urgent", "later"])
        #expect(claimed.prefix(2).allSatisfy { $0.lane == .sameBusinessDay && $0.promoted })
        #expect(claimed.last?.lane == .standard && claimed.last?.promoted == false, "a future promotion is still to come")
        #expect(try connection.command("ZRANGE", String(decoding: store.keys.key(.promotions), as: UTF8.self), "0", "-1").array?.compactMap(\.string) == [String(future)])
    }

    @Test func aDeploymentWithoutPromotionsIsMarkedAtOnce() throws {
        let context = try LaneTestContext()
        try context.store.connection.command("HDEL", "{test}:deployment", "promotion_lists")
        #expect(throws: LanesError.self) { try context.store.requireLibrary() }
        #expect(try context.store.moveToPromotionLists() == 0)
        try context.store.requireLibrary()
    }
}
