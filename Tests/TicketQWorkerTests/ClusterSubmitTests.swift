import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// The same tickets submitted again are recognised as duplicates and processed once.
struct ClusterSubmitTests {
    @Test(.timeLimit(.minutes(2)))
    func duplicateSubmitIsAcceptedOnceAndProcessedOnce() async throws {
        let bench = try ClusterTestBench()
        let (file, ids) = try bench.writeTickets(500, prefix: "d")
        let first = try await bench.submit(file)
        #expect(first.output.status == 0)
        #expect(first.summary["accepted"] as? Int == ids.count && first.summary["duplicate"] as? Int == 0, "\(first.output.stdout)")
        let second = try await bench.submit(file)
        #expect(second.output.status == 0)
        #expect(second.summary["accepted"] as? Int == 0 && second.summary["duplicate"] as? Int == ids.count, "\(second.output.stdout)")
        #expect(bench.outstanding() == ids.count, "a duplicate must not be queued twice")

        let workers = [
            try await bench.startReadyWorker(id: "one", store: "a"),
            try await bench.startReadyWorker(id: "two", store: "b"),
        ]
        let drained = try await bench.eventually("drained", timeout: .seconds(30)) { bench.outstanding() == 0 }
        #expect(drained, "\(bench.logs)")

        // Submitted again after processing, within the dedupe window: still duplicates.
        let third = try await bench.submit(file)
        #expect(third.summary["accepted"] as? Int == 0 && third.summary["duplicate"] as? Int == ids.count, "\(third.output.stdout)")
        #expect(bench.outstanding() == 0)

        for worker in workers {
            worker.terminate()
            #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")
        }
        let ledger = try await bench.ledger(["a", "b"])
        #expect(ledger.violations(expecting: ids).isEmpty, "\(ledger.violations(expecting: ids).joined(separator: "\n"))")
        #expect(ledger.rows.count == ids.count, "one row per ticket, no superseded copies: \(ledger.rows.count)")
    }
}
