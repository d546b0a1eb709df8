import Foundation
import Testing
import TicketQStore
import TicketQTestSupport

struct OutcomeAckTests {
    @Test func newOutcomesAreUnconfirmedUntilTheirAcksAreConfirmed() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", fence: 1), sampleOutcome("t-2", fence: 2), sampleOutcome("t-3", fence: 3)])
        let cutoff = fixtureBase + 86_400_000
        #expect(try store.unconfirmedOutcomes(olderThan: cutoff).map(\.ticketID) == ["t-1", "t-2", "t-3"])
        let confirmed = try store.confirmAcks([
            FencedTicket(ticketID: "t-1", fence: 1),
            FencedTicket(ticketID: "t-2", fence: 99),
            FencedTicket(ticketID: "missing", fence: 1),
        ])
        #expect(confirmed == 1)
        #expect(try store.get(ticketID: "t-1")?.ackConfirmed == true)
        #expect(try store.unconfirmedOutcomes(olderThan: cutoff).map(\.ticketID) == ["t-2", "t-3"])
        #expect(try store.confirmAcks(ticketIDs: ["t-2", "t-3", "t-1"]) == 2)
        #expect(try store.unconfirmedOutcomes(olderThan: cutoff).isEmpty)
    }

    @Test func unconfirmedOutcomesFilterByWorkerAgeAndHideSuperseded() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [
            sampleOutcome("old-a", fence: 1, worker: "worker-a", completedAt: fixtureBase + 1_000),
            sampleOutcome("new-a", fence: 1, worker: "worker-a", completedAt: fixtureBase + 9_000),
            sampleOutcome("old-b", fence: 1, worker: "worker-b", completedAt: fixtureBase + 2_000),
            sampleOutcome("gone-a", fence: 1, worker: "worker-a", completedAt: fixtureBase + 500),
        ])
        try store.markSuperseded(ticketIDs: ["gone-a"])
        let mine = try store.unconfirmedOutcomes(worker: "worker-a", olderThan: fixtureBase + 5_000)
        #expect(mine == [UnconfirmedOutcome(ticketID: "old-a", fence: 1, worker: "worker-a", status: .done, completedAt: fixtureBase + 1_000)])
        let everyone = try store.unconfirmedOutcomes(olderThan: fixtureBase + 5_000)
        #expect(everyone.map(\.ticketID) == ["old-a", "old-b"])
        #expect(try store.unconfirmedOutcomes(olderThan: fixtureBase + 10_000, limit: 1).map(\.ticketID) == ["old-a"])
    }

    @Test func rejectedAcksBecomeSupersededAndAreCounted() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", fence: 1), sampleOutcome("t-2", fence: 1), sampleOutcome("t-3", status: .dead, fence: 1)])
        let unconfirmed = try store.unconfirmedOutcomes(olderThan: fixtureBase + 86_400_000)
        #expect(try store.markSuperseded(unconfirmed.map(\.fencedTicket)) == 3)
        #expect(try store.markSuperseded(unconfirmed.map(\.fencedTicket)) == 0)
        #expect(try store.markSuperseded(ticketIDs: ["t-1", "missing"]) == 0)
        #expect(try store.countByStatus() == ["done": 0, "dead": 0, "superseded": 3])
        #expect(try store.unconfirmedOutcomes(olderThan: fixtureBase + 86_400_000).isEmpty)
    }

    @Test func countByStatusCountsEachStatus() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        #expect(try store.countByStatus() == ["done": 0, "dead": 0, "superseded": 0])
        _ = try store.insert(batch: [
            sampleOutcome("a"), sampleOutcome("b"), sampleOutcome("c", status: .dead), sampleOutcome("d"),
        ])
        try store.markSuperseded(ticketIDs: ["d"])
        #expect(try store.countByStatus() == ["done": 2, "dead": 1, "superseded": 1])
    }
}
