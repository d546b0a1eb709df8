import Foundation
import TicketQCore
@testable import TicketQLanes
import TicketQRedis
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

    @Test func anEntryOutlivingItsTicketPromotesNothingEvenUnderAReusedID() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(lowerTierShare: 0, dedupeWindow: .milliseconds(100)))
        let store = context.store
        let instant = LaneTestContext.nowMillis + 400
        _ = try store.submit([LaneTestContext.entry("reused", .standard, due: due, promoteAt: instant)])
        let first = try #require(try store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(try store.acknowledge([first.lease]) == [true])
        #expect(try store.connection.command("LLEN", String(decoding: store.keys.promotionList(instantMillis: instant), as: UTF8.self)).int == 1, "settling leaves the entry")
        // Past the dedupe window the id is new again: another ticket, due later, promoted later.
        Thread.sleep(forTimeInterval: 0.2)
        let later = LaneTestContext.nowMillis + 3_600_000
        #expect(try store.submit([LaneTestContext.entry("reused", .standard, due: due + 1, promoteAt: later)]) == [.accepted])
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try store.promote() == 0, "the first ticket's entry does not promote the second")
        #expect(try store.snapshot().lanes[.standard]?.queued == 1)
        #expect(try store.connection.command("EXISTS", String(decoding: store.keys.promotionList(instantMillis: instant), as: UTF8.self)).int == 0)
        let instants = try store.connection.command("ZRANGE", String(decoding: store.keys.key(.promotions), as: UTF8.self), "0", "-1").array?.compactMap(\.string)
        #expect(instants == [String(later)], "only the second ticket's instant is left")
    }

    @Test func aBusyInstantIsWorkedThroughInShortSteps() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(lowerTierShare: 0))
        let instant = LaneTestContext.nowMillis - 1000
        let entries = (0..<2_500).map { LaneTestContext.entry("busy-\($0)", $0 % 2 == 0 ? .standard : .extended, due: due + Int64($0), promoteAt: instant) }
        _ = try context.store.submit(entries)
        #expect(try context.store.promote(limit: 1000) == 2_500)
        let snapshot = try context.store.snapshot()
        #expect(snapshot.lanes[.sameBusinessDay]?.queued == 2_500)
        #expect(try context.store.connection.command("EXISTS", String(decoding: context.store.keys.key(.promotions), as: UTF8.self)).int == 0, "no instant is left")
        #expect(try context.store.promote() == 0)
    }

    @Test func aDeadLetterPromotedWhileDeadIsRequeuedUrgent() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(lowerTierShare: 0))
        let store = context.store
        _ = try store.submit([LaneTestContext.entry("d", .extended, due: due, promoteAt: LaneTestContext.nowMillis + 200)])
        let claimed = try #require(try store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(try store.deadLetter([(lease: claimed.lease, infoJSON: #"{"reason":"handler_failed"}"#)]) == [true])
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try store.promote() == 1)
        #expect(try store.snapshot().lanes[.sameBusinessDay]?.queued == 0, "a dead letter stays dead")
        #expect(try store.requeueDeadLetters(["d"]) == 1)
        let again = try #require(try store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(again.lane == .sameBusinessDay && again.intakeLane == .extended && again.promoted)
    }
}
