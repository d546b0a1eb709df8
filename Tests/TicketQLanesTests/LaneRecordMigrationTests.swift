import Foundation
import Testing
import TicketQCore
@testable import TicketQLanes
import TicketQRedis

/// A deployment that keeps its tickets in the layout of library version 2 (a payload hash and a
/// meta hash, no `ticket_records` mark) is refused by this release's functions until its tickets
/// are moved into records; the move keeps each ticket's lane state and payload, wherever it is.
struct LaneRecordMigrationTests {
    let due = LaneTestContext.nowMillis + 3_600_000
    let enqueued = LaneTestContext.nowMillis - 1000

    /// Writes what library version 2 left for six tickets: queued, promoted, in flight, retrying,
    /// dead-lettered, and one past the dedupe window still queued.
    func writeEarlierLayout(_ store: LaneStore) throws {
        let connection = store.connection
        func ticket(_ id: String, meta: String) throws {
            try connection.command("HSET", "{test}:payload", id, "payload-\(id)")
            try connection.command("HSET", "{test}:meta", id, meta)
        }
        try ticket("queued", meta: "0|0|n|\(due)|n|\(enqueued)")
        try connection.command("ZADD", "{test}:lane:standard", String(due), "queued")
        try connection.command("ZADD", "{test}:dedupe", String(enqueued), "queued")
        try connection.command("HSET", "{test}:digest", "queued", "d-queued")
        // Handled tickets leave only their dedupe entries.
        try connection.command("ZADD", "{test}:dedupe", String(enqueued - 5), "handled")
        try connection.command("HSET", "{test}:digest", "handled", "d-handled")
        try ticket("promoted", meta: "0|1|s|\(due + 1)|e|\(enqueued)")
        try connection.command("ZADD", "{test}:lane:same_business_day", String(due + 1), "promoted")
        try connection.command("ZADD", "{test}:dedupe", String(enqueued), "promoted")
        try ticket("flight", meta: "0|0|e|\(due + 2)|e|\(enqueued)")
        try connection.command("ZADD", "{test}:inflight", String(LaneTestContext.nowMillis + 60_000), "flight")
        try connection.command("HSET", "{test}:lease", "flight", "7|gone")
        try connection.command("ZADD", "{test}:dedupe", String(enqueued), "flight")
        try ticket("retrying", meta: "0|0|n|\(due + 3)|n|\(enqueued)")
        try connection.command("ZADD", "{test}:retry", "0", "retrying")
        try connection.command("HSET", "{test}:attempts", "retrying", "1")
        try connection.command("ZADD", "{test}:dedupe", String(enqueued), "retrying")
        try ticket("dead", meta: "0|0|n|\(due + 4)|n|\(enqueued)")
        try connection.command("ZADD", "{test}:dead", String(enqueued), "dead")
        try connection.command("HSET", "{test}:deadinfo", "dead", #"{"reason":"handler_failed"}"#)
        try connection.command("ZADD", "{test}:dedupe", String(enqueued), "dead")
        // Its dedupe entry was trimmed by version 2, which kept none for live tickets past the window.
        try ticket("old", meta: "0|0|n|\(due + 5)|n|\(enqueued)")
        try connection.command("ZADD", "{test}:lane:standard", String(due + 5), "old")
        try connection.command("HDEL", "{test}:deployment", "ticket_records")
    }

    @Test func functionsRefuseUntilTheTicketsAreMovedAndTheMoveKeepsEveryTicket() throws {
        let context = try LaneTestContext()
        let store = context.store
        try writeEarlierLayout(store)

        #expect(throws: LanesError.self) { try store.requireLibrary() }
        LaneTestContext.expectSubmitNeedsMigration(store, due: due)
        #expect(throws: LanesError.self) { try store.claim(worker: "w", batchSize: 10) }
        #expect(throws: LanesError.self) { try store.snapshot() }
        #expect(try store.connection.command("HLEN", "{test}:ticket").int == 0, "nothing was written")

        #expect(try store.moveToTicketRecords(batch: 2) == 6)
        #expect(try store.connection.command("EXISTS", "{test}:payload", "{test}:meta", "{test}:dedupe", "{test}:digest").int == 0)
        #expect(try store.moveToTicketRecords() == 0, "a rerun moves nothing")
        try store.requireLibrary()
        // The window keeps every entry with its digest, oldest first, and knows every live ticket.
        let order = try store.acceptedTicketIDs()
        #expect(order.first == "handled" && order.sorted() == ["dead", "flight", "handled", "old", "promoted", "queued", "retrying"], "\(order)")
        #expect(try store.connection.command("HGET", "{test}:seen", "queued").string == "d-queued")
        #expect(try store.submit([LaneTestContext.entry("handled", .standard, due: due, payload: "other")]) == [.conflict])
        #expect(try store.submit([LaneTestContext.entry("old", .standard, due: due)]) == [.duplicate], "a live ticket past the window is known")

        #expect(try String(decoding: #require(store.deadLetter(id: "dead")?.payload), as: UTF8.self) == "payload-dead")
        #expect(try store.requeueInFlight(ofWorker: "gone") == 1)
        var claimed: [ClaimedTicket] = []
        for _ in 0..<10 where claimed.count < 5 {
            claimed += try store.claim(worker: "w", batchSize: 10).tickets
            claimed += try store.claim(worker: "w", batchSize: 10, scope: .suspect).tickets
        }
        let byID = Dictionary(uniqueKeysWithValues: claimed.map { ($0.lease.id, $0) })
        #expect(byID.keys.sorted() == ["flight", "old", "promoted", "queued", "retrying"])
        for (id, ticket) in byID {
            #expect(ticket.payload.map { String(decoding: $0, as: UTF8.self) } == "payload-\(id)")
            #expect(ticket.enqueuedMillis == enqueued, "\(id)")
        }
        let promoted = try #require(byID["promoted"])
        #expect(promoted.lane == .sameBusinessDay && promoted.intakeLane == .extended && promoted.promoted)
        #expect(byID["flight"]?.intakeLane == .extended && byID["flight"]?.promoted == false)
        #expect(byID["retrying"]?.attempts == 2)
        #expect(try store.acknowledge(claimed.map(\.lease)).allSatisfy { $0 })
        #expect(try store.connection.command("HLEN", "{test}:ticket").int == 1, "the dead letter's record stays")
    }

    @Test func aDeploymentWithoutTicketsIsMarkedAtOnce() throws {
        let context = try LaneTestContext()
        try context.store.connection.command("HDEL", "{test}:deployment", "ticket_records")
        #expect(try context.store.moveToTicketRecords() == 0)
        try context.store.requireLibrary()
    }
}
