import Foundation
import TicketQLanes
import TicketQStore
import TicketQTestSupport
import Testing

/// A worker whose commits cannot finish (another connection holds the store's write lock, so each
/// commit waits out SQLite's busy handling) still exits on SIGTERM within the grace period plus a
/// few seconds, hands back what it holds, and loses nothing.
struct ClusterStoreStallTests {
    @Test(.timeLimit(.minutes(3)))
    func sigtermWithACommitStuckInTheStoreExitsWithinTheGracePeriod() async throws {
        let bench = try ClusterTestBench()
        let grace = 1
        let port = try FreePort.allocate()
        let worker = try await bench.startReadyWorker(
            id: "stalled", store: "a", concurrency: 32, extra: ["--grace", String(grace), "--metrics-addr", "127.0.0.1:\(port)"]
        )

        // Hold the write lock: the worker's next commit waits (5 s busy timeout, 10 attempts).
        let blocker = try OutcomeStore(path: bench.storePath("a"))
        try blocker.database.execute("BEGIN IMMEDIATE")
        let (file, ids) = try bench.writeTickets(64, prefix: "s")
        #expect(try await bench.submit(file).output.status == 0)
        let holding = try await bench.eventually("worker holds tickets", timeout: .seconds(30)) { (bench.snapshot()?.inFlight ?? 0) > 0 }
        #expect(holding, "\(bench.logs)")
        // A commit that does not return for 10 s makes the worker unready, naming the store.
        let unready = try await bench.eventually("readyz reports the stuck commit", timeout: .seconds(40)) {
            guard let answer = try? HTTPTestClient.get(port: port, "/readyz") else { return false }
            return answer.status == 503 && answer.text.contains("has not finished a commit")
        }
        #expect(unready, "readyz: \((try? HTTPTestClient.get(port: port, "/readyz"))?.text ?? "?")\n\(worker.logTail())")
        #expect(bench.countByStatus("a").values.reduce(0, +) == 0, "no commit can have finished while the lock is held")

        let signalled = ContinuousClock.now
        worker.terminate()
        let status = await worker.waitForExit(timeout: .seconds(grace + 5))
        let took = ContinuousClock.now - signalled
        #expect(status == 1, "a stop that could not settle its outcomes should exit 1 within \(grace + 5) s, got \(status.map { "exit \($0)" } ?? "no exit") after \(took)\n\(worker.logTail())")
        if status == nil { worker.kill() }
        #expect(worker.standardError.contains("handing back every ticket still in hand"), "\(worker.logTail())")
        #expect(bench.snapshot()?.inFlight == 0, "everything the worker held is handed back")

        try blocker.database.execute("ROLLBACK")
        let finisher = try await bench.startReadyWorker(id: "finisher", store: "b")
        let finished = try await bench.eventually("every ticket settled", timeout: .seconds(60)) { bench.outstanding() == 0 }
        #expect(finished, "\(bench.logs)")
        finisher.terminate()
        #expect(await finisher.waitForExit(timeout: .seconds(30)) == 0, "\(finisher.logTail())")
        let ledger = try await bench.ledger(["a", "b"])
        #expect(ledger.violations(expecting: ids).isEmpty, "\(ledger.violations(expecting: ids).joined(separator: "\n"))\n\(bench.logs)")
        #expect(ledger.rows.filter(\.isAccepted).allSatisfy { $0.attempts == 1 }, "a hand-back must not count a delivery: \(Set(ledger.rows.map(\.attempts)))")
    }
}
