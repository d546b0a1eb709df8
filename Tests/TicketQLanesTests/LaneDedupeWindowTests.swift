import Foundation
import Testing
import TicketQCore
@testable import TicketQLanes
import TicketQRedis

/// The dedupe window keeps one hash entry and one list entry per id, checkpoints at most 256 times
/// a window, and lets entries go a bounded number per call.
struct LaneDedupeWindowTests {
    let due = LaneTestContext.nowMillis + 3_600_000

    @Test func manySmallSubmitsShareOneCheckpoint() throws {
        let context = try LaneTestContext()
        for index in 0..<50 {
            #expect(try context.store.submit([LaneTestContext.entry("t-\(index)", .standard, due: due)]) == [.accepted])
        }
        let connection = context.store.connection
        #expect(try connection.command("HLEN", "{test}:seen").int == 50)
        #expect(try connection.command("LLEN", "{test}:seen:order").int == 50)
        #expect(try connection.command("GET", "{test}:seen:pushed").string == "50")
        #expect(try connection.command("ZCARD", "{test}:seen:marks").int == 1, "a day's window checkpoints every 5.6 minutes")
        #expect(try context.store.snapshot().dedupeEntries == 50)
    }

    @Test func handledEntriesLeaveABoundedNumberPerCallAndLiveOnesStay() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(dedupeWindow: .milliseconds(200)))
        let store = context.store
        // Distinct due times: claimed in the order submitted, so the last ten stay queued.
        #expect(try store.submit((0..<3000).map { LaneTestContext.entry("old-\($0)", .standard, due: due + Int64($0)) }).allSatisfy { $0 == .accepted })
        var handled = 0
        while handled < 2990 {
            let batch = try store.claim(worker: "w", batchSize: min(1000, 2990 - handled))
            #expect(try store.acknowledge(batch.tickets.map(\.lease)).allSatisfy { $0 })
            handled += batch.tickets.count
        }
        Thread.sleep(forTimeInterval: 0.3)
        let connection = store.connection
        // Each call lets at most 1,000 + twice its own tickets go.
        #expect(try store.submit([LaneTestContext.entry("new-1", .standard, due: due)]) == [.accepted])
        #expect(try connection.command("HLEN", "{test}:seen").int == 3001 - 1002)
        #expect(try store.submit([LaneTestContext.entry("new-2", .standard, due: due)]) == [.accepted])
        #expect(try store.submit([LaneTestContext.entry("new-3", .standard, due: due)]) == [.accepted])
        // The ten tickets still queued keep their entries, and the new ones theirs.
        let left = try store.acceptedTicketIDs()
        #expect(Set(left) == Set((2990..<3000).map { "old-\($0)" } + ["new-1", "new-2", "new-3"]), "\(left.count) left")
        #expect(try store.submit([LaneTestContext.entry("old-2995", .standard, due: due)]) == [.duplicate])
        #expect(try store.submit([LaneTestContext.entry("old-5", .standard, due: due)]) == [.accepted], "past the window an id is new")
    }
}
