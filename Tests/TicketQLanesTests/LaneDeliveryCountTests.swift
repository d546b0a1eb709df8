import Foundation
import Testing
import TicketQCore
import TicketQLanes
import TicketQRedis

/// A delivery is counted when it ends without settling (a retry, an expired lease, a worker gone),
/// not when it is claimed: a ticket delivered once and settled never has a count written, and a
/// release (a graceful hand-back) counts nothing.
@Suite struct LaneDeliveryCountTests {
    let due: Int64 = 1_900_000_000_000

    @Test func onlyDeliveriesThatEndWithoutSettlingAreCounted() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(leaseDuration: .milliseconds(200)))
        let store = context.store
        #expect(try store.submit(["a", "b", "c"].map { LaneTestContext.entry($0, .standard, due: due) }) == [.accepted, .accepted, .accepted])
        var claimed = try store.claim(worker: "w", batchSize: 10).tickets
        #expect(claimed.map(\.attempts) == [1, 1, 1])
        #expect(try store.connection.command("HLEN", "{test}:attempts").int == 0, "a first delivery writes no count")

        let byID = Dictionary(uniqueKeysWithValues: claimed.map { ($0.lease.id, $0.lease) })
        #expect(try store.acknowledge([byID["a"]!]) == [true])
        #expect(try store.retry(byID["b"]!, after: .zero))
        #expect(try store.release([byID["c"]!]) == [true])
        claimed = try store.claim(worker: "w", batchSize: 10).tickets
        #expect(Dictionary(uniqueKeysWithValues: claimed.map { ($0.lease.id, $0.attempts) }) == ["b": 2, "c": 1])

        // Both leases expire and are reaped: each delivery counts.
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try store.reap().expiredLeases == 2)
        claimed = try store.claim(worker: "w", batchSize: 10).tickets
        #expect(Dictionary(uniqueKeysWithValues: claimed.map { ($0.lease.id, $0.attempts) }) == ["b": 3, "c": 2])
        _ = try store.acknowledge(claimed.map(\.lease))
        #expect(try store.connection.command("HLEN", "{test}:attempts").int == 0)
    }

    @Test func ticketsInFlightUnderTheEarlierCountingAreAdjustedOnce() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(leaseDuration: .milliseconds(200)))
        let store = context.store
        #expect(try store.countDeliveriesOnEnd() == 0, "a new deployment counts on end from the start")
        _ = try store.submit(["x", "y"].map { LaneTestContext.entry($0, .standard, due: due) })
        let claimed = try store.claim(worker: "w", batchSize: 10).tickets
        // As the earlier library left them: the claim counted each delivery, `y` twice in all.
        _ = try store.connection.command("HSET", "{test}:attempts", "x", "1", "y", "2")
        _ = try store.connection.command("HDEL", "{test}:deployment", "deliveries_counted")

        #expect(try store.countDeliveriesOnEnd() == 2)
        #expect(try store.countDeliveriesOnEnd() == 0, "a second run changes nothing")
        #expect(try store.connection.command("HGET", "{test}:attempts", "x") == .null)
        #expect(try store.connection.command("HGET", "{test}:attempts", "y").int == 1)

        Thread.sleep(forTimeInterval: 0.3)
        #expect(try store.reap().expiredLeases == claimed.count)
        let again = try store.claim(worker: "w", batchSize: 10).tickets
        #expect(Dictionary(uniqueKeysWithValues: again.map { ($0.lease.id, $0.attempts) }) == ["x": 2, "y": 3])
    }
}
