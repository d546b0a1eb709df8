import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// `kill -9` of a worker process in the middle of a run: nothing is lost and every ticket ends
/// with exactly one accepted outcome across the workers' stores.
struct ClusterCrashTests {
    static let ticketCount = 3000

    @Test(.timeLimit(.minutes(2)))
    func killedWorkerRestartedWithItsIDLeavesExactlyOneAcceptedOutcomePerTicket() async throws {
        let bench = try ClusterTestBench()
        let ids = try await crashWorkerAMidRun(bench)

        // A supervisor restarts the crashed process at once, with the same id and store.
        let restart = try await restartLikeASupervisor(bench, id: "worker-a", store: "a")
        #expect(
            restart.refusals.count == 0,
            "a worker restarted with the id of a crashed process should start (waiting out the dead process's liveness key if need be) and requeue that id's tickets, not exit; it was refused \(restart.refusals.count) time(s): \(restart.refusals.first ?? "")"
        )

        try await finishAndStop(bench)
        let ledger = try await bench.ledger(["a", "b"])
        #expect(ledger.violations(expecting: ids).isEmpty, "\(ledger.violations(expecting: ids).joined(separator: "\n"))\n\(bench.logs)")
        #expect(ledger.unconfirmed.isEmpty, "rows left unconfirmed after the restart: \(ledger.unconfirmed.prefix(5).map(\.ticketID))")
        #expect(ledger.liveInSeveralStores.isEmpty, "tickets live in both stores: \(ledger.liveInSeveralStores.prefix(5))")
        print("kill -9 + restart: \(ledger.rows.filter { $0.status == "superseded" }.count) superseded rows, attempts > 1 on \(ledger.rows.filter { $0.isAccepted && $0.attempts > 1 }.count) accepted outcomes")
    }

    @Test(.timeLimit(.minutes(2)))
    func killedWorkerReplacedByANewIDIsReapedAndNothingIsLost() async throws {
        let bench = try ClusterTestBench()
        let ids = try await crashWorkerAMidRun(bench)
        let killedAt = ContinuousClock.now

        // The crashed worker is replaced by a new one; the survivor's reaper must return the
        // dead worker's tickets (the liveness key expires after about 5 s). The reaper drops a dead
        // worker from the registry in the same script that requeues its tickets.
        try await bench.startReadyWorker(id: "worker-c", store: "c")
        let reaped = try await bench.eventually("worker-a reaped", timeout: .seconds(15)) {
            guard let registry = try? bench.laneStore().workers() else { return false }
            return registry["worker-a"] == nil
        }
        let reapDelay = ContinuousClock.now - killedAt
        #expect(reaped, "the dead worker was not reaped within 15 s\n\(bench.logs)")
        print("kill -9 + replace: dead worker reaped \(reapDelay) after the kill")

        try await finishAndStop(bench)
        // Until the dead id runs again, its store may hold rows it committed but never saw
        // confirmed: either Redis took the ack (the ticket has no other outcome) or the ticket was
        // redelivered and accepted elsewhere (a stale row, the known limitation).
        let ledger = try await bench.ledger(["a", "b", "c"])
        let grouped = ledger.byTicket
        var lost: [String] = []
        var acceptedTwice: [String] = []
        var ackedButUnconfirmed = 0
        var stale = 0
        for id in ids {
            let rows = grouped[id] ?? []
            let accepted = rows.filter(\.isAccepted)
            let pendingInDeadStore = rows.filter { $0.store == "a" && $0.status != "superseded" && !$0.ackConfirmed }
            switch (accepted.count, pendingInDeadStore.count) {
            case (1, 0): break
            case (1, _): stale += 1
            case (0, 1): ackedButUnconfirmed += 1
            case (0, _): lost.append(id)
            default: acceptedTwice.append(id)
            }
        }
        #expect(lost.isEmpty, "tickets without an outcome: \(lost.prefix(10))\n\(bench.logs)")
        #expect(acceptedTwice.isEmpty, "tickets accepted twice: \(acceptedTwice.prefix(10))")
        #expect(ledger.unconfirmed.allSatisfy { $0.store == "a" }, "only the dead worker's store may hold unconfirmed rows")
        print("kill -9 + replace: dead store holds \(ackedButUnconfirmed) acked-but-unconfirmed rows and \(stale) stale rows for tickets accepted elsewhere")

        // Restarting the dead id later settles what its crashed process left unconfirmed.
        let late = try await bench.startReadyWorker(id: "worker-a", store: "a", name: "worker-a-late")
        // Stopping a worker within a millisecond of its start-up line is covered on its own
        // (ClusterDrainTests.sigtermRightAfterStartUpIsHonoured); here it only has to settle.
        try await Task.sleep(for: .milliseconds(300))
        late.terminate()
        #expect(await late.waitForExit(timeout: .seconds(30)) == 0, "\(late.logTail())")
        let settled = try await bench.ledger(["a", "b", "c"])
        #expect(settled.unconfirmed.isEmpty, "still unconfirmed after the dead id restarted: \(settled.unconfirmed.prefix(5).map(\.ticketID))")
        #expect(settled.liveInSeveralStores.isEmpty, "tickets live in two stores: \(settled.liveInSeveralStores.prefix(5))")
        #expect(settled.violations(expecting: ids).isEmpty, "\(settled.violations(expecting: ids).joined(separator: "\n"))")
    }

    // MARK: Steps

    /// Starts workers A and B (stores `a` and `b`), submits the tickets and kills A with SIGKILL
    /// once it has committed some outcomes, while tickets are still in hand and queued.
    private func crashWorkerAMidRun(_ bench: ClusterTestBench) async throws -> [String] {
        let (file, ids) = try bench.writeTickets(Self.ticketCount)
        let victim = try await bench.startReadyWorker(id: "worker-a", store: "a", handler: "simulate:fixed=15ms", concurrency: 8)
        try await bench.startReadyWorker(id: "worker-b", store: "b", handler: "simulate:fixed=15ms", concurrency: 8)
        let submitted = try await bench.submit(file)
        #expect(submitted.output.status == 0 && submitted.summary["accepted"] as? Int == Self.ticketCount, "\(submitted.output)")

        let busy = try await bench.eventually("worker-a busy", timeout: .seconds(30)) {
            (bench.countByStatus("a")["done"] ?? 0) >= 300
        }
        #expect(busy, "worker-a never committed 300 outcomes\n\(bench.logs)")
        victim.kill()
        let left = bench.outstanding() ?? -1
        print("kill -9: worker-a killed after \(bench.countByStatus("a")["done"] ?? 0) outcomes; \(left) tickets queued or in flight")
        #expect(left > 0, "the crash must come in the middle of the run")
        return ids
    }

    /// Starts `id` again at once, as systemd or supervisord would, and keeps restarting it every
    /// 500 ms while it is refused; returns the running worker and the refusals' messages.
    private func restartLikeASupervisor(
        _ bench: ClusterTestBench, id: String, store: String
    ) async throws -> (worker: ManagedProcess, refusals: [String]) {
        var refusals: [String] = []
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let worker = try bench.startWorker(id: id, store: store, name: "\(id)-restart-\(refusals.count + 1)")
            _ = try await bench.eventually("\(worker.name) started or exited", timeout: .seconds(20)) {
                !worker.isRunning || worker.standardError.contains("worker started")
            }
            if worker.isRunning { return (worker, refusals) }
            refusals.append(worker.standardError.split(separator: "\n").last.map(String.init) ?? "exited without a message")
            try #require(ContinuousClock.now < deadline, "the restarted worker never started\n\(bench.logs)")
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Waits until no ticket is queued or in flight, then stops
    /// every running worker with SIGTERM and expects each to exit 0.
    private func finishAndStop(_ bench: ClusterTestBench) async throws {
        let drained = try await bench.eventually("lanes drained", timeout: .seconds(40)) { bench.outstanding() == 0 }
        #expect(drained, "tickets still queued or in flight: \(bench.outstanding() ?? -1)\n\(bench.logs)")
        let counts = try await bench.statusCounts()
        #expect(counts.depth == 0 && counts.inFlight == 0 && counts.deadLetter == 0, "status --json: \(counts)")
        for worker in bench.processes where worker.isRunning {
            worker.terminate()
            #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")
        }
    }
}
