import Foundation
import Testing
import TicketQCore
import TicketQStore
import TicketQTestSupport

struct OutcomeInsertTests {
    @Test func insertedRecordReadsBackUnchanged() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        var record = sampleOutcome("t-1", lane: .sameBusinessDay)
        record.promoted = true
        record.resolutionDueAt = fixtureBase + 86_400_000
        record.triageModelVersion = "triage-3"
        record.truncated = true
        record.attempts = 3
        record.lastError = "timeout"
        let result = try store.insert(batch: [record])
        #expect(result.inserted == ["t-1"])
        #expect(try store.get(ticketID: "t-1") == record)
        #expect(try store.get(ticketID: "t-2") == nil)
    }

    @Test func duplicatesAreSuppressedAndCounted() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        let first = try store.insert(batch: [sampleOutcome("t-1"), sampleOutcome("t-2"), sampleOutcome("t-1", worker: "worker-b")])
        #expect(first.inserted == ["t-1", "t-2"])
        #expect(first.duplicates == ["t-1"])
        #expect(first.duplicateCount == 1)
        try store.confirmAcks([FencedTicket(ticketID: "t-1", fence: 1), FencedTicket(ticketID: "t-2", fence: 1)])
        let redelivered = try store.insert(batch: [sampleOutcome("t-1", fence: 2, worker: "worker-b"), sampleOutcome("t-3")])
        #expect(redelivered.inserted == ["t-3"])
        #expect(redelivered.duplicates == ["t-1"])
        #expect(redelivered.updated.isEmpty)
        #expect(try store.get(ticketID: "t-1")?.worker == "worker-a")
        #expect(try store.database.scalarInt64("SELECT COUNT(*) FROM outcome") == 3)
    }

    @Test func redeliveryWithTheSameFenceIsADuplicateEvenIfUnconfirmed() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", fence: 4)])
        let again = try store.insert(batch: [sampleOutcome("t-1", fence: 4, completedAt: fixtureBase + 99_000)])
        #expect(again.duplicates == ["t-1"])
        #expect(try store.get(ticketID: "t-1")?.completedAt == fixtureBase + 60_000)
    }

    @Test func deadRowIsReplacedByALaterDone() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", status: .dead, fence: 5)])
        try store.confirmAcks([FencedTicket(ticketID: "t-1", fence: 5)])
        let requeued = try store.insert(batch: [sampleOutcome("t-1", status: .done, fence: 9, worker: "worker-b")])
        #expect(requeued.updated == ["t-1"])
        #expect(requeued.inserted.isEmpty)
        #expect(requeued.duplicateCount == 0)
        let row = try #require(try store.get(ticketID: "t-1"))
        #expect(row.status == .done)
        #expect(row.fence == 9)
        #expect(row.worker == "worker-b")
        #expect(row.deadReason == nil)
        #expect(row.ackConfirmed == false)
    }

    @Test func confirmedDeadRowIsNotReplacedByAnotherDeadOrByAnOlderDone() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", status: .dead, fence: 5)])
        try store.confirmAcks([FencedTicket(ticketID: "t-1", fence: 5)])
        let deadAgain = try store.insert(batch: [sampleOutcome("t-1", status: .dead, fence: 8)])
        let stale = try store.insert(batch: [sampleOutcome("t-1", status: .done, fence: 3)])
        #expect(deadAgain.duplicates == ["t-1"])
        #expect(stale.duplicates == ["t-1"])
        #expect(try store.get(ticketID: "t-1")?.fence == 5)
    }

    @Test func confirmedDoneRowIsNeverReplaced() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", fence: 1)])
        try store.confirmAcks([FencedTicket(ticketID: "t-1", fence: 1)])
        let later = try store.insert(batch: [sampleOutcome("t-1", status: .done, fence: 7), sampleOutcome("t-1", status: .dead, fence: 8)])
        #expect(later.duplicates == ["t-1", "t-1"])
        #expect(try store.get(ticketID: "t-1")?.fence == 1)
    }

    @Test func unconfirmedRowIsReplacedByADeliveryWithAHigherFence() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", fence: 3, worker: "worker-a")])
        let newer = try store.insert(batch: [sampleOutcome("t-1", fence: 4, worker: "worker-b")])
        #expect(newer.updated == ["t-1"])
        // The late outcome of the overtaken delivery can neither confirm nor supersede the new row.
        #expect(try store.confirmAcks([FencedTicket(ticketID: "t-1", fence: 3)]) == 0)
        #expect(try store.markSuperseded([FencedTicket(ticketID: "t-1", fence: 3)]) == 0)
        let older = try store.insert(batch: [sampleOutcome("t-1", fence: 3, worker: "worker-a")])
        #expect(older.duplicates == ["t-1"])
        let row = try #require(try store.get(ticketID: "t-1"))
        #expect(row.worker == "worker-b")
        #expect(row.status == .done)
    }

    @Test func supersededRowIsReplacedByAnyNewOutcome() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", fence: 6), sampleOutcome("t-2", fence: 6)])
        #expect(try store.markSuperseded([FencedTicket(ticketID: "t-1", fence: 6), FencedTicket(ticketID: "t-2", fence: 6)]) == 2)
        let retried = try store.insert(batch: [
            sampleOutcome("t-1", status: .done, fence: 2),
            sampleOutcome("t-2", status: .superseded, fence: 9),
        ])
        #expect(retried.updated == ["t-1"])
        #expect(retried.duplicates == ["t-2"])
        #expect(try store.get(ticketID: "t-1")?.status == .done)
        #expect(try store.get(ticketID: "t-1")?.fence == 2)
        #expect(try store.get(ticketID: "t-2")?.status == .superseded)
    }

    @Test func severalBatchesInOneTransactionReportSeparately() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        let results = try store.insert(batches: [
            [sampleOutcome("a"), sampleOutcome("b")],
            [],
            [sampleOutcome("b"), sampleOutcome("c")],
        ])
        #expect(results.count == 3)
        #expect(results[0].inserted == ["a", "b"])
        #expect(results[1] == InsertResult())
        #expect(results[2].inserted == ["c"])
        #expect(results[2].duplicates == ["b"])
        #expect(results[2].stored == ["c"])
    }

    @Test func batchFailingHalfWayStoresNothing() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        try store.database.execute("""
            CREATE TRIGGER refuse_t2 BEFORE INSERT ON outcome WHEN NEW.ticket_id = 't-2'
            BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;
            """)
        let error = #expect(throws: SQLiteError.self) {
            try store.insert(batch: [sampleOutcome("t-1"), sampleOutcome("t-2")])
        }
        #expect(error?.message == "refused for the test")
        #expect(try store.get(ticketID: "t-1") == nil)
        #expect(try store.unconfirmedOutcomes(olderThan: .max).isEmpty)
        #expect(try store.countByStatus() == ["done": 0, "dead": 0, "superseded": 0])
    }

    @Test func invalidOutcomeRefusesTheBatchBeforeWriting() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        var negative = sampleOutcome("t-2")
        negative.attempts = -1
        #expect(throws: StoreError.invalidRecord(ticketID: "t-2", reason: "attempts is -1, below 0")) {
            try store.insert(batch: [sampleOutcome("t-1"), negative])
        }
        #expect(throws: StoreError.invalidRecord(ticketID: "", reason: "the ticket id is empty")) {
            try store.insert(batch: [sampleOutcome("")])
        }
        #expect(try store.get(ticketID: "t-1") == nil)
    }

    @Test func alreadyConfirmedOutcomeIsStoredWithoutAPendingAck() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", ackConfirmed: true), sampleOutcome("t-2")])
        #expect(try store.get(ticketID: "t-1")?.ackConfirmed == true)
        #expect(try store.get(ticketID: "t-2")?.ackConfirmed == false)
        #expect(try store.unconfirmedOutcomes(olderThan: .max).map(\.ticketID) == ["t-2"])
    }

    @Test func groupCommitConfirmsEarlierAcksAndStoresNewOutcomesTogether() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("t-1", fence: 1), sampleOutcome("t-2", fence: 1)])
        let result = try store.commit(
            [[sampleOutcome("t-3")], [sampleOutcome("t-1", fence: 1)]],
            confirmingAcks: [[FencedTicket(ticketID: "t-1", fence: 1)], [FencedTicket(ticketID: "t-2", fence: 7)]]
        )
        #expect(result.confirmedAcks == [1, 0])
        #expect(result.inserts.map(\.inserted) == [["t-3"], []])
        #expect(result.inserts[1].duplicates == ["t-1"])
        #expect(try store.unconfirmedOutcomes(olderThan: .max).map(\.ticketID) == ["t-2", "t-3"])
    }
}
