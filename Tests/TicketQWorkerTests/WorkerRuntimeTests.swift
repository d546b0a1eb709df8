import Foundation
import TicketQCore
import TicketQLanes
import TicketQStore
import TicketQWorker
import Testing

/// A worker in-process against a real redis-server and a real SQLite store.
struct WorkerRuntimeTests {
    @Test func processesEveryTicketOnceAndLeavesNothingBehind() async throws {
        let bench = try WorkerTestBench()
        let path = bench.databasePath
        try bench.enqueue(300)
        try await bench.runWorker(try bench.configuration(), handler: AcknowledgeHandler(catalog: bench.catalog)) {
            try WorkerTestBench.countByStatus(path)["done"] == 300
        }
        #expect(try bench.countByStatus() == ["done": 300, "dead": 0, "superseded": 0])
        let snapshot = try bench.lanes.snapshot()
        #expect(snapshot.inFlight == 0)
        #expect(snapshot.lanes.values.map(\.depth).reduce(0, +) == 0)
        let store = try OutcomeStore(path: bench.databasePath, mode: .readOnly)
        let urgent = try #require(try store.get(ticketID: "t-0"))
        #expect(urgent.lane == .sameBusinessDay)
        #expect(urgent.category == "order_modification")
        #expect(urgent.ackConfirmed)
        #expect(urgent.attempts == 1)
        #expect(urgent.reply?.contains("Pandorana") == true)
        #expect(urgent.reply?.contains("time-sensitive") == true)
        #expect(try bench.lanes.workers().isEmpty, "a cleanly stopped worker leaves the registry")
    }

    @Test func failingTicketsRetryThenDeadLetterWithAnOutcome() async throws {
        let bench = try WorkerTestBench()
        let path = bench.databasePath
        try bench.enqueue(10)
        let handler = SimulateHandler(spec: try SimulationSpec("fail=1"))
        let retry = RetryPolicy(maxDeliveries: 3, baseDelay: .milliseconds(5), maxDelay: .milliseconds(20))
        try await bench.runWorker(try bench.configuration(retry: retry), handler: handler) {
            try WorkerTestBench.countByStatus(path)["dead"] == 10
        }
        #expect(try bench.countByStatus() == ["done": 0, "dead": 10, "superseded": 0])
        let store = try OutcomeStore(path: bench.databasePath, mode: .readOnly)
        let row = try #require(try store.get(ticketID: "t-3"))
        #expect(row.attempts == 3)
        #expect(row.deadReason == "handler_failed")
        #expect(row.lastError == "simulated failure")
        let dead = try bench.lanes.deadLetters()
        #expect(dead.count == 10)
        #expect(dead[0].infoJSON.contains("\"reason\":\"handler_failed\""))
    }

    @Test func undecodablePayloadIsDeadLetteredAtOnce() async throws {
        let bench = try WorkerTestBench()
        let path = bench.databasePath
        _ = try bench.lanes.submit([LaneEntry(id: "junk", lane: .standard, dueMillis: 1_900_000_000_000, promoteAtMillis: nil, enqueuedMillis: 0, contentDigest: "", payload: Array("{not a payload".utf8))])
        try await bench.runWorker(try bench.configuration(), handler: AcknowledgeHandler(catalog: bench.catalog)) {
            try WorkerTestBench.countByStatus(path)["dead"] == 1
        }
        let row = try #require(try OutcomeStore(path: bench.databasePath, mode: .readOnly).get(ticketID: "junk"))
        #expect(row.deadReason == "payload_undecodable")
        #expect(row.attempts == 1)
        #expect(try bench.lanes.deadLetter(id: "junk") != nil)
    }

    @Test func gracefulShutdownFinishesTicketsInHandAndReleasesNone() async throws {
        let bench = try WorkerTestBench()
        let path = bench.databasePath
        try bench.enqueue(40)
        let handler = SimulateHandler(spec: try SimulationSpec("fixed=150ms"))
        // Stop as soon as the first outcomes land: tickets in hand finish, the rest stay queued.
        try await bench.runWorker(try bench.configuration(concurrency: 8), handler: handler) {
            (try WorkerTestBench.countByStatus(path)["done"] ?? 0) >= 1
        }
        let done = try bench.countByStatus()["done"] ?? 0
        let snapshot = try bench.lanes.snapshot()
        #expect(snapshot.inFlight == 0)
        #expect(done + snapshot.lanes.values.map(\.depth).reduce(0, +) == 40)
        #expect(done >= 8)
    }

    @Test func aWorkerRestartedUnderTheSameIdRequeuesItsOrphans() async throws {
        let bench = try WorkerTestBench()
        let path = bench.databasePath
        try bench.enqueue(20)
        // A previous life of "w9" claimed tickets and vanished without settling them.
        _ = try bench.lanes.claim(worker: "w9", batchSize: 5)
        try await bench.runWorker(try bench.configuration(id: "w9"), handler: AcknowledgeHandler(catalog: bench.catalog)) {
            try WorkerTestBench.countByStatus(path)["done"] == 20
        }
        #expect(try bench.countByStatus() == ["done": 20, "dead": 0, "superseded": 0])
    }
}
