import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// redis-server crashes (SIGKILL) in the middle of a run and comes back from its append-only file:
/// the worker processes reconnect by themselves and nothing is lost.
struct ClusterRedisRestartTests {
    @Test(.timeLimit(.minutes(2)))
    func workersReconnectAfterRedisIsKilledAndRestartedAndLoseNothing() async throws {
        let bench = try ClusterTestBench(redis: RedisServerOptions(appendOnly: true))
        let (file, ids) = try bench.writeTickets(3000, prefix: "r")
        let first = try await bench.startReadyWorker(id: "worker-a", store: "a", handler: "simulate:fixed=10ms", concurrency: 4)
        let second = try await bench.startReadyWorker(id: "worker-b", store: "b", handler: "simulate:fixed=10ms", concurrency: 4)
        let submitted = try await bench.submit(file)
        #expect(submitted.output.status == 0 && submitted.summary["accepted"] as? Int == ids.count, "\(submitted.output)")

        let busy = try await bench.eventually("workers busy", timeout: .seconds(30)) {
            (bench.countByStatus("a")["done"] ?? 0) + (bench.countByStatus("b")["done"] ?? 0) >= 500
        }
        #expect(busy, "\(bench.logs)")
        bench.server.kill()
        let doneAtCrash = (bench.countByStatus("a")["done"] ?? 0) + (bench.countByStatus("b")["done"] ?? 0)
        try await Task.sleep(for: .seconds(1))
        try bench.server.restart()
        let left = bench.outstanding() ?? -1
        print("redis restart: killed after \(doneAtCrash) outcomes; \(left) tickets queued or in flight after the AOF replay")
        #expect(left > 0, "the crash must come in the middle of the run")

        let drained = try await bench.eventually("drained after restart", timeout: .seconds(40)) { bench.outstanding() == 0 }
        #expect(drained, "workers did not finish after Redis came back: \(bench.outstanding() ?? -1) left\n\(bench.logs)")
        for worker in [first, second] {
            #expect(worker.isRunning, "\(worker.name) should survive a Redis restart\n\(worker.logTail())")
            worker.terminate()
            #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")
        }
        let counts = try await bench.statusCounts()
        #expect(counts.depth == 0 && counts.inFlight == 0 && counts.deadLetter == 0, "status --json: \(counts)")
        let ledger = try await bench.ledger(["a", "b"])
        #expect(ledger.violations(expecting: ids).isEmpty, "\(ledger.violations(expecting: ids).joined(separator: "\n"))\n\(bench.logs)")
        #expect(ledger.unconfirmed.isEmpty, "rows left unconfirmed: \(ledger.unconfirmed.prefix(5).map(\.ticketID))")
        #expect(ledger.liveInSeveralStores.isEmpty, "tickets live in both stores: \(ledger.liveInSeveralStores.prefix(5))")
        print("redis restart: \(ledger.rows.filter { $0.status == "superseded" }.count) superseded rows")
    }
}
