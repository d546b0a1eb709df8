import Foundation
import TicketQTestSupport
import Testing

/// A worker process frozen (SIGSTOP) for longer than its lease, then continued (SIGCONT): its
/// tickets go to another worker, its late acks are refused, every ticket ends with exactly one
/// accepted outcome, and it goes on working.
struct ClusterPauseTests {
    @Test(.timeLimit(.minutes(3)))
    func workerStoppedPastItsLeaseHasItsLateAcksRefusedAndGoesOnWorking() async throws {
        let bench = try ClusterTestBench()
        try await CutOffWorkerScenario(bench: bench).run(
            startWorkerA: {
                try await bench.startReadyWorker(
                    id: "worker-a", store: "a", handler: "simulate:fixed=50ms", concurrency: 8,
                    extra: CutOffWorkerScenario.lease
                )
            },
            fault: { ProcessPause($0) }
        )
    }
}
