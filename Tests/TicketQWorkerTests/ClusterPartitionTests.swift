import Foundation
import TicketQTestSupport
import Testing

/// A worker cut off from Redis by a network partition (``FaultProxy``'s blackhole: its bytes
/// neither forwarded nor answered, its connections left open) for longer than its lease, then
/// healed: its tickets go to another worker, its late acks are refused, every ticket ends with
/// exactly one accepted outcome, and it goes on working.
struct ClusterPartitionTests {
    @Test(.timeLimit(.minutes(3)))
    func workerPartitionedPastItsLeaseHasItsLateAcksRefusedAndGoesOnWorking() async throws {
        let bench = try ClusterTestBench()
        let proxy = FaultProxy()
        try proxy.start(upstream: (host: bench.server.host, port: bench.server.port))
        defer { proxy.stop() }
        try await CutOffWorkerScenario(bench: bench).run(
            startWorkerA: {
                try await bench.startReadyWorker(
                    id: "worker-a", store: "a", handler: "simulate:fixed=50ms", concurrency: 8,
                    extra: CutOffWorkerScenario.lease, redis: proxy.url
                )
            },
            fault: { _ in Partition(proxy) }
        )
    }
}
