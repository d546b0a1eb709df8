import Foundation
import TicketQTestSupport
import Testing

/// A worker cut off from the cluster by a ``Fault`` for longer than its lease and its liveness
/// key, then healed, while a second worker carries on; shared by the partition and pause tests.
///
/// Worker A (store `a`) and worker B (store `b`) run with a 2 s lease. Once A is busy, the fault
/// starts; it lasts until every ticket has been settled without A (its tickets redelivered to B)
/// and at least ``minimumFaultLength``, past A's 5 s liveness key and its 5 s command timeout.
/// After healing, A's acks for the tickets it finished meanwhile must be refused and their
/// outcomes superseded; then B stops and A alone must handle a second batch.
struct CutOffWorkerScenario {
    static let lease = ["--lease", "2"]
    static let minimumFaultLength: Duration = .seconds(7)

    let bench: ClusterTestBench

    /// Runs the scenario. `startWorkerA` starts A (e.g. through a proxy); `fault` cuts it off.
    func run(startWorkerA: () async throws -> ManagedProcess, fault: (ManagedProcess) -> any Fault) async throws {
        // Enough work (about ten seconds) that the fault lands mid-run however busy the machine is.
        let (file, ids) = try bench.writeTickets(3000, prefix: "first")
        let workerA = try await startWorkerA()
        let workerB = try await bench.startReadyWorker(
            id: "worker-b", store: "b", handler: "simulate:fixed=50ms", concurrency: 8, extra: Self.lease
        )
        #expect(try await bench.submit(file).output.status == 0)
        let busy = try await bench.eventually("worker-a busy", timeout: .seconds(30)) {
            (bench.countByStatus("a")["done"] ?? 0) >= 100
        }
        try #require(busy, "worker-a never committed 100 outcomes\n\(bench.logs)")

        let injected = fault(workerA)
        try await startWhileHoldingTickets(injected)
        let startedAt = ContinuousClock.now
        #expect((bench.outstanding() ?? 0) > 0, "the fault must come in the middle of the run")
        let settledWithoutA = try await bench.eventually("drained without worker-a", timeout: .seconds(40)) {
            bench.outstanding() == 0
        }
        let remaining = Self.minimumFaultLength - (ContinuousClock.now - startedAt)
        if remaining > .zero { try await Task.sleep(for: remaining) }
        injected.heal()
        #expect(settledWithoutA, "worker-a's tickets were not redelivered while it was cut off: \(bench.outstanding() ?? -1) outstanding\n\(bench.logs)")

        // A finished the tickets in its hands while cut off; their acks come late and are refused.
        let refused = try await bench.eventually("worker-a's late acks refused", timeout: .seconds(30)) {
            (bench.countByStatus("a")["superseded"] ?? 0) > 0
        }
        #expect(refused, "worker-a's late acks were not refused\n\(bench.logs)")
        let redelivered = try await bench.ledger(["b"]).rows.filter { $0.attempts > 1 && $0.isAccepted }
        #expect(!redelivered.isEmpty, "worker-b accepted no redelivered ticket\n\(bench.logs)")

        // B leaves; A, healed, must handle the next batch on its own.
        workerB.terminate()
        #expect(await workerB.waitForExit(timeout: .seconds(30)) == 0, "\(workerB.logTail())")
        let (secondFile, secondIDs) = try bench.writeTickets(200, prefix: "second", file: "second.jsonl")
        #expect(try await bench.submit(secondFile).output.status == 0)
        let drained = try await bench.eventually("second batch drained", timeout: .seconds(40)) { bench.outstanding() == 0 }
        #expect(drained, "the healed worker-a did not handle the second batch: \(bench.outstanding() ?? -1) outstanding\n\(bench.logs)")
        #expect(workerA.isRunning, "worker-a exited after healing\n\(workerA.logTail())")
        workerA.terminate()
        #expect(await workerA.waitForExit(timeout: .seconds(30)) == 0, "\(workerA.logTail())")

        let ledger = try await bench.ledger(["a", "b"])
        let violations = ledger.violations(expecting: ids + secondIDs)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))\n\(bench.logs)")
        #expect(ledger.unconfirmed.isEmpty, "rows left unconfirmed: \(ledger.unconfirmed.prefix(5).map(\.ticketID))")
        #expect(ledger.liveInSeveralStores.isEmpty, "tickets live in both stores: \(ledger.liveInSeveralStores.prefix(5))")
        let secondInA = Set(ledger.rows.filter { $0.store == "a" && $0.isAccepted }.map(\.ticketID)).intersection(secondIDs)
        #expect(secondInA.count == secondIDs.count, "worker-a accepted \(secondInA.count) of the second batch's \(secondIDs.count) tickets")
        print("cut off past the lease: \(ledger.rows.filter { $0.status == "superseded" }.count) superseded rows in a, \(redelivered.count) redelivered tickets accepted by b")
    }

    /// Starts the fault at a moment worker A holds leases, so that it has tickets to lose.
    ///
    /// A worker between two batches holds none; a fault landing there (rare, but seen on a loaded
    /// machine) would leave nothing to redeliver or refuse. The fault is lifted and retried then.
    private func startWhileHoldingTickets(_ injected: any Fault) async throws {
        for _ in 0..<50 {
            injected.start()
            try await Task.sleep(for: .milliseconds(200))
            if (bench.leasesHeld(by: "worker-a") ?? 0) > 0 { return }
            injected.heal()
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("worker-a never held a lease when the fault started\n\(bench.logs)")
    }
}
