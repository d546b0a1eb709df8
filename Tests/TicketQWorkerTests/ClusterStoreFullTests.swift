import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// A worker whose outcome store runs out of disk space (`SQLITE_FULL`) beside a healthy one: it
/// hands back what it cannot commit, stops claiming, reports itself not ready (and, later, not
/// healthy), exits on SIGTERM within the grace period, and settles its rows after a restart.
struct ClusterStoreFullTests {
    @Test(.timeLimit(.minutes(5)))
    func aFullDiskHandsTicketsBackAndNeverWedgesTheWorker() async throws {
        guard getuid() == 0 else {
            print("skipped: mounting a small tmpfs for the outcome store needs root (uid \(getuid()))")
            return
        }
        let bench = try ClusterTestBench()
        let disk = try SmallTmpfs(size: "16m", at: bench.directory, name: "small")
        defer { disk.unmount() }
        let port = try FreePort.allocate()
        let grace = 2
        let fullArguments = ["--metrics-addr", "127.0.0.1:\(port)", "--unhealthy-after", "3", "--grace", String(grace)]
        let full = try await bench.startReadyWorker(id: "full", store: "small/full", concurrency: 256, extra: fullArguments)

        // Some outcomes land in the store while the disk still has room.
        let (early, earlyIDs) = try bench.writeTickets(100, prefix: "e", file: "early.jsonl")
        #expect(try await bench.submit(early).output.status == 0)
        let settledEarly = try await bench.eventually("early tickets done", timeout: .seconds(60)) {
            bench.countByStatus("small/full")["done"] == 100 && bench.outstanding() == 0
        }
        #expect(settledEarly, "\(bench.logs)")

        disk.fill()
        let (late, lateIDs) = try bench.writeTickets(2000, prefix: "f", file: "late.jsonl")
        #expect(try await bench.submit(late).output.status == 0)
        let failed = try await bench.eventually("commit fails with SQLITE_FULL", timeout: .seconds(60)) {
            full.standardError.contains("SQLITE_FULL")
        }
        #expect(failed, "the full worker never reported SQLITE_FULL\n\(bench.logs)")
        let ready = try await get(port, "/readyz")
        #expect(ready.status == 503 && ready.text.contains("SQLITE_FULL"), "readyz: \(ready.status) \(ready.text)")
        let reported = try await bench.eventually("status names the store error", timeout: .seconds(20)) {
            let output = try ProcessRunner.run(bench.executable, ["status", "--redis", bench.server.url, "--json"])
            let object = (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
            let workers = object["workers"] as? [[String: Any]] ?? []
            return workers.contains { $0["id"] as? String == "full" && $0["store"] as? String == "SQLITE_FULL" }
        }
        #expect(reported, "ticketq status should show the full worker's store as SQLITE_FULL")

        // The tickets it could not commit were handed back: a healthy worker settles everything.
        let healthy = try await bench.startReadyWorker(id: "healthy", store: "b", concurrency: 256)
        let drained = try await bench.eventually("every ticket settled", timeout: .seconds(90)) { bench.outstanding() == 0 }
        #expect(drained, "tickets stayed queued or leased: \(bench.snapshot().map { "\($0)" } ?? "?")\n\(bench.logs)")

        let samples = try await ExpositionSamples.scrape(port: port)
        let failures = samples.sum("ticketq_store_commit_failures_total", matching: #"kind="full""#)
        #expect(failures >= 1, "commit failures of kind full: \(failures)")
        #expect(samples["ticketq_store_healthy"] == 0, "\(samples.family("ticketq_store_healthy"))")
        let unhealthy = try await eventuallyAsync(timeout: .seconds(30)) { try await self.get(port, "/healthz").status == 503 }
        let health = try await get(port, "/healthz")
        #expect(unhealthy, "healthz should answer 503 after --unhealthy-after: \(health.status) \(health.text)")
        #expect(health.text.contains("SQLITE_FULL"), "\(health.text)")
        #expect(try await get(port, "/readyz").status == 503, "still not ready while the disk is full")

        // SIGTERM while the store fails: the worker exits within the grace period plus 5 s, with
        // status 1 (it stopped with a failing store).
        full.terminate()
        let status = await full.waitForExit(timeout: .seconds(grace + 5))
        #expect(status == 1, "SIGTERM with a full store should exit 1 within \(grace + 5) s, got \(status.map { "exit \($0)" } ?? "no exit")\n\(full.logTail())")
        if status == nil { full.kill() }

        // With room again, the same worker restarts, settles its rows and, alone now, commits the
        // next tickets.
        healthy.terminate()
        #expect(await healthy.waitForExit(timeout: .seconds(30)) == 0, "\(healthy.logTail())")
        disk.free()
        let restarted = try await bench.startReadyWorker(id: "full", store: "small/full", concurrency: 256, extra: fullArguments, name: "full-restarted")
        let readyAgain = try await eventuallyAsync(timeout: .seconds(30)) { try await self.get(port, "/readyz").status == 200 }
        #expect(readyAgain, "the restarted worker should be ready\n\(restarted.logTail())")
        let (after, afterIDs) = try bench.writeTickets(200, prefix: "r", file: "after.jsonl")
        #expect(try await bench.submit(after).output.status == 0)
        let finished = try await bench.eventually("after tickets settled", timeout: .seconds(60)) {
            bench.outstanding() == 0 && bench.countByStatus("small/full")["done"] == 300
        }
        #expect(finished, "the restarted worker should commit the next 200 tickets: \(bench.countByStatus("small/full"))\n\(bench.logs)")
        restarted.terminate()
        #expect(await restarted.waitForExit(timeout: .seconds(30)) == 0, "\(restarted.logTail())")
        let ids = earlyIDs + lateIDs + afterIDs
        let ledger = try await bench.ledger(["small/full", "b"])
        let violations = ledger.violations(expecting: ids)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))\n\(bench.logs)")
        #expect(ledger.unconfirmed.isEmpty, "rows left unconfirmed: \(ledger.unconfirmed.prefix(5).map(\.ticketID))")
        print("full disk: \(failures) failed commits; rows in the full store: \(bench.countByStatus("small/full")), healthy: \(bench.countByStatus("b"))")
    }

    /// The same process resumes by itself once the disk has room again: `/readyz` turns 200, the
    /// gauge returns to 1 and it commits outcomes again.
    @Test(.timeLimit(.minutes(3)))
    func aWorkerResumesByItselfWhenTheDiskHasRoomAgain() async throws {
        guard getuid() == 0 else {
            print("skipped: mounting a small tmpfs for the outcome store needs root (uid \(getuid()))")
            return
        }
        let bench = try ClusterTestBench()
        let disk = try SmallTmpfs(size: "16m", at: bench.directory, name: "small")
        defer { disk.unmount() }
        let port = try FreePort.allocate()
        let worker = try await bench.startReadyWorker(
            id: "resumer", store: "small/resumer", concurrency: 256, extra: ["--metrics-addr", "127.0.0.1:\(port)"]
        )
        disk.fill()
        let (file, ids) = try bench.writeTickets(1000, prefix: "p")
        #expect(try await bench.submit(file).output.status == 0)
        let failed = try await eventuallyAsync(timeout: .seconds(60)) {
            try await self.get(port, "/readyz").text.contains("SQLITE_FULL")
        }
        #expect(failed, "readyz never named SQLITE_FULL\n\(bench.logs)")
        let handedBack = try await bench.eventually("nothing held", timeout: .seconds(30)) { bench.snapshot()?.inFlight == 0 }
        #expect(handedBack, "a worker whose store is full must not hold leases: \(bench.snapshot().map { "\($0.inFlight)" } ?? "?") in flight")

        disk.free()
        let resumed = try await eventuallyAsync(timeout: .seconds(60)) { try await self.get(port, "/readyz").status == 200 }
        #expect(resumed, "readyz should turn 200 once the disk has room\n\(worker.logTail())")
        let finished = try await bench.eventually("every ticket committed", timeout: .seconds(90)) {
            bench.outstanding() == 0 && bench.countByStatus("small/resumer")["done"] == ids.count
        }
        #expect(finished, "\(bench.countByStatus("small/resumer"))\n\(bench.logs)")
        #expect(try await ExpositionSamples.scrape(port: port)["ticketq_store_healthy"] == 1)
        #expect(worker.standardError.contains("outcome store commits again"), "\(worker.logTail())")
        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "a stop with a healthy store exits 0\n\(worker.logTail())")
        let ledger = try await bench.ledger(["small/resumer"])
        #expect(ledger.violations(expecting: ids).isEmpty, "\(ledger.violations(expecting: ids).joined(separator: "\n"))")
    }

    private func get(_ port: Int, _ path: String) async throws -> HTTPTestClient.Response {
        try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, path) }
    }

    private func eventuallyAsync(timeout: Duration, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if (try? await condition()) == true { return true }
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
