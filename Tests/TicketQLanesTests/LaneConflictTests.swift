import Foundation
import Testing
import TicketQCore
import TicketQLanes
import TicketQRedis

/// A resubmitted id is a duplicate when its content is the same and a conflict when it differs,
/// for as long as the dedupe window keeps the id; the first ticket always stands.
@Suite struct LaneConflictTests {
    let due: Int64 = 1_900_000_000_000

    @Test func sameContentIsADuplicateOtherContentAConflict() throws {
        let context = try LaneTestContext()
        let store = context.store
        #expect(try store.submit([LaneTestContext.entry("a", .standard, due: due, payload: "hello")]) == [.accepted])
        #expect(try store.submit([
            LaneTestContext.entry("a", .standard, due: due, payload: "hello"),
            LaneTestContext.entry("a", .standard, due: due, payload: "changed"),
            LaneTestContext.entry("b", .standard, due: due, payload: "first"),
            LaneTestContext.entry("b", .standard, due: due, payload: "second"),
            LaneTestContext.entry("b", .standard, due: due, payload: "first"),
        ]) == [.duplicate, .conflict, .accepted, .conflict, .duplicate])

        // The first tickets stand, and a conflict wrote nothing.
        let batch = try store.claim(worker: "w", batchSize: 10)
        #expect(Set(batch.tickets.map(\.lease.id)) == ["a", "b"])
        let records = try store.connection.command("HMGET", "{test}:ticket", "a", "b").array?.compactMap(\.bytes) ?? []
        #expect(try records.map { String(decoding: try TicketRecord(decoding: $0).payload, as: UTF8.self) } == ["hello", "first"])

        // After the ticket was handled, the dedupe window still tells the two apart.
        _ = try store.acknowledge(batch.tickets.map(\.lease))
        #expect(try store.submit([
            LaneTestContext.entry("a", .standard, due: due, payload: "hello"),
            LaneTestContext.entry("a", .standard, due: due, payload: "changed"),
        ]) == [.duplicate, .conflict])
    }

    @Test func anUnknownDigestIsADuplicate() throws {
        // Entries restored after a recovery, and tickets written before digests, carry none.
        let context = try LaneTestContext()
        let store = context.store
        #expect(try store.submit([LaneTestContext.entry("a", .standard, due: due, payload: "hello", digest: "")]) == [.accepted])
        #expect(try store.submit([LaneTestContext.entry("a", .standard, due: due, payload: "other")]) == [.duplicate])
        #expect(try store.restoreDedupe([(id: "handled", atMillis: LaneTestContext.nowMillis)]) == 1)
        #expect(try store.submit([LaneTestContext.entry("handled", .standard, due: due, payload: "anything")]) == [.duplicate])
    }

    @Test func digestsLeaveWithTheirDedupeEntries() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(dedupeWindow: .milliseconds(300)))
        let store = context.store
        #expect(try store.submit([LaneTestContext.entry("a", .standard, due: due, payload: "hello")]) == [.accepted])
        let batch = try store.claim(worker: "w", batchSize: 10)
        _ = try store.acknowledge(batch.tickets.map(\.lease))
        #expect(try store.connection.command("HLEN", "{test}:seen").int == 1)
        Thread.sleep(forTimeInterval: 0.4)

        // Past the window, the id is new again: its next submit is accepted with its own content
        // and trims the old entry's digest first.
        #expect(try store.submit([LaneTestContext.entry("a", .standard, due: due, payload: "changed")]) == [.accepted])
        #expect(try store.connection.command("HGET", "{test}:seen", "a").string == String(FNV1a64.hash("changed".utf8), radix: 16))
        #expect(try store.submit([LaneTestContext.entry("a", .standard, due: due, payload: "hello")]) == [.conflict])

        // A live ticket's entry is renewed, not trimmed: a resubmit is still told apart.
        Thread.sleep(forTimeInterval: 0.4)
        #expect(try store.submit([LaneTestContext.entry("other", .standard, due: due)]) == [.accepted])
        #expect(try store.connection.command("HEXISTS", "{test}:seen", "a").int == 1)
        #expect(try store.submit([LaneTestContext.entry("a", .standard, due: due, payload: "hello")]) == [.conflict])

        // Once handled, its entry and digest leave with the window.
        let handled = try store.claim(worker: "w", batchSize: 10).tickets.filter { $0.lease.id == "a" }
        #expect(try store.acknowledge(handled.map(\.lease)) == [true])
        Thread.sleep(forTimeInterval: 0.4)
        #expect(try store.submit([LaneTestContext.entry("another", .standard, due: due)]) == [.accepted])
        #expect(try store.connection.command("HEXISTS", "{test}:seen", "a").int == 0)
        #expect(try store.connection.command("HLEN", "{test}:seen").int == 2, "the live ticket keeps its digest")
    }
}
