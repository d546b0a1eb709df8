import Foundation
import Synchronization
import Testing
import TicketQStore
import TicketQTestSupport

struct ConcurrentWriterTests {
    @Test func writersOnSeparateConnectionsLoseNoRows() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shared.db").path
        let writers = 4
        let batches = 15
        let batchSize = 20
        // No SQLite busy wait at all: every contention goes through the application-level retry.
        let configuration = SQLiteConfiguration(
            busyTimeout: .zero,
            busyRetry: BusyRetryPolicy(maxAttempts: 10_000, initialDelay: .milliseconds(1), maxDelay: .milliseconds(4))
        )
        let errors = runOnThreads(writers) { writer in
            let store = try OutcomeStore(path: path, configuration: configuration)
            for batch in 0..<batches {
                let records = (0..<batchSize).map { item in
                    sampleOutcome("w\(writer)-b\(batch)-i\(item)", fence: Int64(batch), worker: "worker-\(writer)")
                }
                let result = try store.insert(batch: records)
                guard result.inserted.count == batchSize else {
                    throw StoreError.invalidStoredValue(column: "inserted", value: "\(result.inserted.count)", ticketID: records[0].ticketID)
                }
                try store.confirmAcks(records.map { FencedTicket(ticketID: $0.ticketID, fence: $0.fence) })
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        let store = try OutcomeStore(path: path, mode: .readOnly)
        #expect(try store.countByStatus()["done"] == writers * batches * batchSize)
        #expect(try store.unconfirmedOutcomes(olderThan: .max).isEmpty)
    }

    @Test func writersRacingOnTheSameTicketsStoreEachTicketOnce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shared.db").path
        let writers = 3
        let tickets = (0..<200).map { "t-\($0)" }
        let results = ResultsBox()
        let errors = runOnThreads(writers) { writer in
            let store = try OutcomeStore(path: path)
            for chunk in stride(from: 0, to: tickets.count, by: 25) {
                let records = tickets[chunk..<chunk + 25].map { sampleOutcome($0, fence: 1, worker: "worker-\(writer)") }
                results.append(try store.insert(batch: records))
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        let all = results.all
        #expect(all.reduce(0) { $0 + $1.inserted.count } == tickets.count)
        #expect(all.reduce(0) { $0 + $1.duplicateCount } == tickets.count * (writers - 1))
        let store = try OutcomeStore(path: path, mode: .readOnly)
        #expect(try store.countByStatus()["done"] == tickets.count)
    }

    @Test func writerThreadMergesConcurrentInsertsAndLosesNone() async throws {
        let directory = try TemporaryDirectory()
        let writer = try await OutcomeWriter.open(path: directory.file("w.db").path)
        let results = try await withThrowingTaskGroup(of: InsertResult.self) { group in
            for task in 0..<50 {
                group.addTask {
                    try await writer.insert(batch: (0..<10).map { sampleOutcome("task\(task)-\($0)") })
                }
            }
            group.addTask {
                try await writer.insert(batch: [sampleOutcome("task0-0"), sampleOutcome("extra")])
            }
            var results: [InsertResult] = []
            for try await result in group { results.append(result) }
            return results
        }
        #expect(results.reduce(0) { $0 + $1.inserted.count } == 501)
        #expect(results.reduce(0) { $0 + $1.duplicateCount } == 1)
        #expect(try await writer.countByStatus()["done"] == 501)
        let unconfirmed = try await writer.unconfirmedOutcomes(olderThan: .max)
        #expect(unconfirmed.count == 501)
        #expect(try await writer.confirmAcks(unconfirmed.map(\.fencedTicket)) == 501)
        #expect(try await writer.markSuperseded([FencedTicket(ticketID: "extra", fence: 1)]) == 1)
        let mode = try await writer.withStore { try $0.database.scalarString("PRAGMA journal_mode") }
        #expect(mode == "wal")
        await writer.close()
        await #expect(throws: StoreError.writerClosed(path: writer.path)) {
            try await writer.insert(batch: [sampleOutcome("late")])
        }
    }

    @Test func writerMergesConfirmationsAndKeepsAnInvalidBatchToItself() async throws {
        let directory = try TemporaryDirectory()
        let writer = try await OutcomeWriter.open(path: directory.file("w.db").path)
        _ = try await writer.insert(batch: (0..<20).map { sampleOutcome("t-\($0)", fence: 3) })
        var invalid = sampleOutcome("bad")
        invalid.attempts = -2
        let invalidBatch = [invalid]
        let confirmed = try await withThrowingTaskGroup(of: Int.self) { group in
            for chunk in stride(from: 0, to: 20, by: 5) {
                group.addTask {
                    try await writer.confirmAcks((chunk..<chunk + 5).map { FencedTicket(ticketID: "t-\($0)", fence: 3) })
                }
            }
            group.addTask {
                try await writer.insert(batch: [sampleOutcome("t-20", fence: 3)]).inserted.count
            }
            group.addTask {
                do {
                    _ = try await writer.insert(batch: invalidBatch)
                    return 1_000
                } catch StoreError.invalidRecord {
                    return 0
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(confirmed == 21)
        let unconfirmed = try await writer.unconfirmedOutcomes(olderThan: .max)
        #expect(unconfirmed.map(\.ticketID) == ["t-20"])
        await writer.close()
    }

    @Test func writerThatCannotOpenReportsTheError() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("no-such-dir/w.db").path
        let error = await #expect(throws: SQLiteError.self) {
            try await OutcomeWriter.open(path: path)
        }
        #expect(error?.path == path)
    }
}

/// Insert results collected from several threads.
private final class ResultsBox: Sendable {
    private let results = Mutex<[InsertResult]>([])

    func append(_ result: InsertResult) { results.withLock { $0.append(result) } }

    var all: [InsertResult] { results.withLock { $0 } }
}
