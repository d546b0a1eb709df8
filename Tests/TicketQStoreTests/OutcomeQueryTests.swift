import Foundation
import Testing
import TicketQCore
import TicketQStore
import TicketQTestSupport

struct OutcomeQueryTests {
    /// Six outcomes over two brands and three lanes, completed one minute apart; `late-*` miss
    /// their due time and `hidden` is superseded.
    private func populatedStore(in directory: TemporaryDirectory) throws -> OutcomeStore {
        let store = try makeStore(in: directory)
        let minute: Int64 = 60_000
        _ = try store.insert(batch: [
            sampleOutcome("p-std", brand: "pandorana", lane: .standard, completedAt: fixtureBase + 1 * minute),
            sampleOutcome("late-p", brand: "pandorana", lane: .sameBusinessDay, completedAt: fixtureBase + 2 * minute, dueAt: fixtureBase),
            sampleOutcome("n-ext", brand: "northwind", lane: .extended, completedAt: fixtureBase + 3 * minute),
            sampleOutcome("late-n", brand: "northwind", lane: .standard, completedAt: fixtureBase + 4 * minute, dueAt: fixtureBase),
            sampleOutcome("hidden", brand: "pandorana", lane: .standard, completedAt: fixtureBase + 5 * minute, dueAt: fixtureBase),
            sampleOutcome("p-dead", brand: "pandorana", lane: .standard, status: .dead, completedAt: fixtureBase + 6 * minute),
        ])
        try store.markSuperseded(ticketIDs: ["hidden"])
        return store
    }

    private func ids(_ store: OutcomeStore, _ query: OutcomeQuery) throws -> [String] {
        try store.records(matching: query).map(\.ticketID)
    }

    @Test func defaultListingHidesSupersededInCompletionOrder() throws {
        let directory = try TemporaryDirectory()
        let store = try populatedStore(in: directory)
        #expect(try ids(store, OutcomeQuery()) == ["p-std", "late-p", "n-ext", "late-n", "p-dead"])
        #expect(try ids(store, OutcomeQuery(includeSuperseded: true)) == ["p-std", "late-p", "n-ext", "late-n", "hidden", "p-dead"])
    }

    @Test func filtersByBrandLaneTimeAndBreach() throws {
        let directory = try TemporaryDirectory()
        let store = try populatedStore(in: directory)
        #expect(try ids(store, OutcomeQuery(brand: "northwind")) == ["n-ext", "late-n"])
        #expect(try ids(store, OutcomeQuery(lane: .standard)) == ["p-std", "late-n", "p-dead"])
        #expect(try ids(store, OutcomeQuery(since: fixtureBase + 2 * 60_000, until: fixtureBase + 4 * 60_000)) == ["late-p", "n-ext"])
        #expect(try ids(store, OutcomeQuery(breachedOnly: true)) == ["late-p", "late-n"])
        #expect(try ids(store, OutcomeQuery(breachedOnly: true, includeSuperseded: true)) == ["late-p", "late-n", "hidden"])
        #expect(try ids(store, OutcomeQuery(brand: "pandorana", lane: .standard, breachedOnly: false)) == ["p-std", "p-dead"])
        #expect(try ids(store, OutcomeQuery(limit: 2)) == ["p-std", "late-p"])
        #expect(try ids(store, OutcomeQuery(brand: "nobody")).isEmpty)
    }

    @Test func streamingVisitsEveryRowOnce() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        let batch = (0..<2_500).map { sampleOutcome("t-\($0)", completedAt: fixtureBase + Int64($0)) }
        _ = try store.insert(batch: batch)
        var seen = 0
        var previous = Int64.min
        try store.forEach(matching: OutcomeQuery()) { record in
            #expect(record.completedAt > previous)
            previous = record.completedAt
            seen += 1
        }
        #expect(seen == 2_500)
    }

    @Test func readOnlyStoreListsWhileAWriterIsOpen() throws {
        let directory = try TemporaryDirectory()
        let writer = try populatedStore(in: directory)
        let reader = try OutcomeStore(path: writer.path, mode: .readOnly)
        #expect(try reader.records(matching: OutcomeQuery()).count == 5)
        #expect(try reader.get(ticketID: "hidden")?.status == .superseded)
        #expect(throws: SQLiteError.self) {
            try reader.insert(batch: [sampleOutcome("x")])
        }
    }

    @Test func readOnlyStoreOpensAfterTheWriterClosed() throws {
        let directory = try TemporaryDirectory()
        let path: String
        do {
            let writer = try populatedStore(in: directory)
            path = writer.path
        }
        let reader = try OutcomeStore(path: path, mode: .readOnly)
        #expect(try reader.countByStatus() == ["done": 4, "dead": 1, "superseded": 1])
    }
}
