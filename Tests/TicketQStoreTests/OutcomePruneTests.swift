import Foundation
import Testing
import TicketQStore
import TicketQTestSupport

/// Retention: settled outcomes past the cutoff go (exported first when asked), unconfirmed ones
/// and newer ones stay, and a new store gives the freed pages back to the file system.
struct OutcomePruneTests {
    @Test func prunesOnlySettledOutcomesPastTheCutoffInBoundedTransactions() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        let old = (0..<250).map { sampleOutcome("old-\($0)", fence: Int64($0), completedAt: fixtureBase + Int64($0)) }
        let recent = (0..<20).map { sampleOutcome("recent-\($0)", completedAt: fixtureBase + 10_000_000) }
        _ = try store.insert(batch: old + recent + [sampleOutcome("pending", completedAt: fixtureBase)])
        _ = try store.confirmAcks(ticketIDs: old.map(\.ticketID) + recent.map(\.ticketID))
        _ = try store.markSuperseded(ticketIDs: ["old-0"])

        var exported: [String] = []
        let result = try store.prune(completedBefore: fixtureBase + 5_000_000, batchSize: 40) { batch in
            #expect(batch.count <= 40)
            exported += batch.map(\.ticketID)
        }
        #expect(result.deleted == 250 && result.keptUnconfirmed == 1 && result.transactions >= 7)
        #expect(Set(exported) == Set(old.map(\.ticketID)))
        #expect(try store.get(ticketID: "pending") != nil, "an outcome whose ack is pending is never pruned")
        #expect(try store.get(ticketID: "old-7") == nil)
        #expect(try store.get(ticketID: "recent-3") != nil)
        #expect(try store.prune(completedBefore: fixtureBase + 5_000_000).deleted == 0)
    }

    @Test func aFailedExportDeletesNothingOfItsBatch() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: (0..<10).map { sampleOutcome("t-\($0)") })
        _ = try store.confirmAcks(ticketIDs: (0..<10).map { "t-\($0)" })
        struct DiskFull: Error {}
        #expect(throws: DiskFull.self) { try store.prune(completedBefore: .max, batchSize: 100) { _ in throw DiskFull() } }
        #expect(try store.countByStatus()["done"] == 10)
    }

    @Test func aNewStoreShrinksAfterAPrune() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        #expect(try store.vacuumsIncrementally)
        let body = String(repeating: "x", count: 2_000)
        let rows = (0..<2_000).map { sampleOutcome("t-\($0)", reply: body) }
        _ = try store.insert(batch: rows)
        _ = try store.confirmAcks(ticketIDs: rows.map(\.ticketID))
        _ = try store.database.checkpoint(.truncate)
        let pagesBefore = try #require(try store.database.scalarInt64("PRAGMA page_count"))
        _ = try store.prune(completedBefore: .max)
        try store.releaseFreePages()
        _ = try store.database.checkpoint(.truncate)
        #expect(try store.freePages() == 0)
        let pagesAfter = try #require(try store.database.scalarInt64("PRAGMA page_count"))
        #expect(pagesAfter * 4 < pagesBefore, "pages \(pagesBefore) → \(pagesAfter)")
    }
}
