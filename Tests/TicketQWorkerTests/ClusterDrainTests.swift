import Foundation
import TicketQCore
import TicketQLanes
import TicketQTestSupport
import Testing

/// SIGTERM while a worker process is busy: it stops claiming, finishes or hands back what it holds,
/// exits 0, and loses nothing.
struct ClusterDrainTests {
    @Test(.timeLimit(.minutes(2)))
    func sigtermWhileBusyExitsCleanlyAndANewWorkerFinishesTheRest() async throws {
        let bench = try ClusterTestBench()
        let (file, ids) = try bench.writeTickets(120)
        #expect(try await bench.submit(file).output.status == 0)
        let worker = try await bench.startReadyWorker(
            id: "drainer", store: "a", handler: "simulate:fixed=500ms", concurrency: 4, extra: ["--grace", "10", "--urgent-slots", "0"]
        )
        // 120 tickets, 4 at a time (no urgent slots on top), half a second each: about 15 s of
        // work, so the signal lands mid-run however busy the machine is.
        let busy = try await bench.eventually("drainer busy", timeout: .seconds(30)) {
            (bench.countByStatus("a")["done"] ?? 0) >= 4 && (bench.snapshot()?.inFlight ?? 0) > 0
        }
        #expect(busy, "the worker never got busy\n\(bench.logs)")

        worker.terminate()
        let status = await worker.waitForExit(timeout: .seconds(30))
        #expect(status == 0, "SIGTERM should drain and exit 0\n\(bench.logs)")
        #expect(worker.standardError.contains("worker stopped"), "\(worker.logTail())")

        let snapshot = try #require(bench.snapshot())
        let queued = snapshot.lanes.values.map(\.depth).reduce(0, +)
        let done = bench.countByStatus("a")["done"] ?? 0
        #expect(snapshot.inFlight == 0, "tickets left in flight by a drained worker")
        #expect(done + queued == ids.count, "done \(done) + queued \(queued) should be every ticket (\(ids.count))")
        #expect(done < ids.count, "the signal must come while tickets are still queued")
        let drained = try await bench.ledger(["a"])
        #expect(drained.unconfirmed.isEmpty, "a drained worker leaves no unconfirmed outcome: \(drained.unconfirmed.prefix(5).map(\.ticketID))")
        print("SIGTERM drain: \(done) done before exit, \(queued) left queued")

        let finisher = try await bench.startReadyWorker(id: "finisher", store: "b", concurrency: 16)
        let finished = try await bench.eventually("rest drained", timeout: .seconds(30)) { bench.outstanding() == 0 }
        #expect(finished, "\(bench.logs)")
        finisher.terminate()
        #expect(await finisher.waitForExit(timeout: .seconds(30)) == 0, "\(finisher.logTail())")
        let ledger = try await bench.ledger(["a", "b"])
        #expect(ledger.violations(expecting: ids).isEmpty, "\(ledger.violations(expecting: ids).joined(separator: "\n"))\n\(bench.logs)")
        // Nothing failed, so a ticket handed back on shutdown must not have been charged a delivery.
        #expect(ledger.rows.filter(\.isAccepted).allSatisfy { $0.attempts == 1 }, "attempts: \(Set(ledger.rows.map(\.attempts)))")
    }

    @Test(.timeLimit(.minutes(2)))
    func graceOverHandsTicketsBackWithoutChargingADelivery() async throws {
        let bench = try ClusterTestBench()
        let (file, ids) = try bench.writeTickets(24, prefix: "g")
        #expect(try await bench.submit(file).output.status == 0)
        let held = try Self.heldBySlowWorker(bench, generalSlots: 8)
        let worker = try await bench.startReadyWorker(
            id: "slow", store: "a", handler: "simulate:fixed=30s", concurrency: 8, extra: ["--grace", "1"]
        )
        let holding = try await bench.eventually("slow holds \(held)", timeout: .seconds(30)) { bench.snapshot()?.inFlight == held }
        #expect(holding, "\(bench.logs)")

        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(20)) == 0, "after the grace period the worker should release and exit 0\n\(bench.logs)")
        try await expectEverythingBackAndRedeliveredOnce(bench, ids: ids)
    }

    @Test(.timeLimit(.minutes(2)))
    func secondSignalHandsEverythingBackAtOnce() async throws {
        let bench = try ClusterTestBench()
        let (file, ids) = try bench.writeTickets(24, prefix: "s")
        #expect(try await bench.submit(file).output.status == 0)
        let held = try Self.heldBySlowWorker(bench, generalSlots: 8)
        let worker = try await bench.startReadyWorker(id: "stuck", store: "a", handler: "simulate:fixed=30s", concurrency: 8)
        let holding = try await bench.eventually("stuck holds \(held)", timeout: .seconds(30)) { bench.snapshot()?.inFlight == held }
        #expect(holding, "\(bench.logs)")

        // The default grace period (20 s) would outlast this wait; the second signal must not wait for it.
        worker.terminate()
        try await Task.sleep(for: .milliseconds(300))
        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(10)) == 0, "a second SIGTERM should release everything and exit 0\n\(bench.logs)")
        try await expectEverythingBackAndRedeliveredOnce(bench, ids: ids)
    }

    /// What a worker whose handler never finishes ends up holding: its general slots, plus every
    /// queued same-business-day ticket in its urgent slots (32 by default). Read before it starts.
    private static func heldBySlowWorker(_ bench: ClusterTestBench, generalSlots: Int) throws -> Int {
        let snapshot = try #require(bench.snapshot())
        let urgent = min(snapshot.lanes[.sameBusinessDay]?.depth ?? 0, 32)
        let others = snapshot.lanes.values.map(\.depth).reduce(0, +) - urgent
        return min(others, generalSlots) + urgent
    }

    /// Prometheus holds a keep-alive connection to `/metrics` between scrapes; SIGTERM must still
    /// end the process, closing that connection, with status 0.
    @Test(.timeLimit(.minutes(2)))
    func sigtermWithAnIdleKeepAliveScrapeConnectionExitsZero() async throws {
        let bench = try ClusterTestBench()
        let port = try FreePort.allocate()
        let worker = try await bench.startReadyWorker(id: "scraped", store: "a", extra: ["--metrics-addr", "127.0.0.1:\(port)"])
        let scrape = try await HTTPTestClient.offPool {
            let scraper = try HTTPTestClient(port: port)
            let scrape = try scraper.request("GET", "/metrics")
            worker.terminate()
            try scraper.waitUntilClosed()
            return scrape
        }
        #expect(scrape.status == 200)
        #expect(scrape.headers["connection"] == "keep-alive", "the scrape must leave the connection open")
        let status = await worker.waitForExit(timeout: .seconds(30))
        #expect(status == 0, "SIGTERM with an open scrape connection should exit 0, got \(status.map { "exit \($0)" } ?? "no exit")\n\(worker.logTail())")
        #expect(worker.standardError.contains("worker stopped"), "\(worker.logTail())")
    }

    @Test(.timeLimit(.minutes(1)))
    func sigtermRightAfterStartUpIsHonoured() async throws {
        let bench = try ClusterTestBench()
        // A supervisor may stop a worker the moment it reports itself started; sweep the first
        // 1.4 ms after the start-up line, where signal handling is being set up.
        for attempt in 0..<12 {
            let worker = try bench.startWorker(id: "early-\(attempt)", store: "early-\(attempt)")
            let delay = Double(attempt) * 0.000_125
            let sent = await terminateOnceStarted(worker, after: delay)
            #expect(sent, "the worker never started\n\(worker.logTail())")
            let status = await worker.waitForExit(timeout: .seconds(5))
            #expect(
                status == 0,
                "SIGTERM \(delay * 1000) ms after \"worker started\" should drain and exit 0, got \(status.map { "exit \($0)" } ?? "no exit within 5 s")\n\(worker.logTail())"
            )
            if status == nil {
                worker.kill()
                break
            }
        }
    }

    /// Sends SIGTERM `delay` seconds after the worker logs that it started, watching its log from a
    /// thread of its own so the signal follows the line within a fraction of a millisecond.
    private func terminateOnceStarted(_ worker: ManagedProcess, after delay: Double) async -> Bool {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                let deadline = Date().addingTimeInterval(20)
                while !worker.standardError.contains("worker started") {
                    guard worker.isRunning, Date() < deadline else {
                        continuation.resume(returning: false)
                        return
                    }
                    usleep(100)
                }
                if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                worker.terminate()
                continuation.resume(returning: true)
            }
        }
    }

    /// After a worker released what it held: nothing in flight, every ticket queued and no outcome
    /// written; a new worker then completes each ticket once, on its first counted delivery.
    private func expectEverythingBackAndRedeliveredOnce(_ bench: ClusterTestBench, ids: [String]) async throws {
        let snapshot = try #require(bench.snapshot())
        #expect(snapshot.inFlight == 0, "released tickets must not stay in flight\n\(bench.logs)")
        #expect(snapshot.lanes.values.map(\.depth).reduce(0, +) == ids.count, "every released ticket is back in its lane")
        #expect(bench.countByStatus("a").values.reduce(0, +) == 0, "a released ticket has no outcome")

        let finisher = try await bench.startReadyWorker(id: "finisher", store: "b")
        let finished = try await bench.eventually("redelivered", timeout: .seconds(30)) { bench.outstanding() == 0 }
        #expect(finished, "\(bench.logs)")
        finisher.terminate()
        #expect(await finisher.waitForExit(timeout: .seconds(30)) == 0, "\(finisher.logTail())")
        let ledger = try await bench.ledger(["a", "b"])
        #expect(ledger.violations(expecting: ids).isEmpty, "\(ledger.violations(expecting: ids).joined(separator: "\n"))")
        #expect(ledger.rows.allSatisfy { $0.attempts == 1 }, "a release must not count a delivery: attempts \(Set(ledger.rows.map(\.attempts)))")
    }
}
