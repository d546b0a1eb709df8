import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// The collector worker enforces retention: dead letters past the age limit are evicted, each
/// logged by id and counted in the metrics.
struct ClusterRetentionTests {
    @Test(.timeLimit(.minutes(2)))
    func deadLettersPastTheirAgeAreEvictedLoggedByIdAndCounted() async throws {
        let bench = try ClusterTestBench()
        var policy = RetentionPolicy.defaults
        policy.deadLetterMaxAgeMillis = 1_500
        try bench.laneStore().setRetentionPolicy(policy)
        let port = try FreePort.allocate()
        let worker = try await bench.startReadyWorker(
            id: "keeper", store: "k", handler: "simulate:fail=1", extra: ["--max-deliveries", "1", "--metrics-addr", "127.0.0.1:\(port)"]
        )
        let (file, ids) = try bench.writeTickets(20, prefix: "old")
        #expect(try await bench.submit(file).output.status == 0)

        let evicted = try await bench.eventually("dead letters evicted", timeout: .seconds(40)) {
            (try? bench.laneStore().evictionCounts()[.deadLetter]?[.age]) == ids.count
        }
        #expect(evicted, "evictions: \(String(describing: try? bench.laneStore().evictionCounts()))\n\(bench.logs)")
        #expect(try bench.laneStore().deadLetters().isEmpty)
        for id in ids {
            #expect(worker.standardError.contains("dead_letter \(id) evicted"), "\(id) not logged\n\(worker.logTail())")
        }
        let series = #"ticketq_retention_evictions{kind="dead_letter",reason="age"}"#
        let exported = try await bench.eventually("eviction gauge", timeout: .seconds(10)) {
            guard let response = try? HTTPTestClient.get(port: port, "/metrics") else { return false }
            return ExpositionSamples(response.body)[series] == Double(ids.count)
        }
        #expect(exported, "\(series) was not \(ids.count)\n\(worker.logTail())")
        // The outcomes of the evicted tickets stay in the worker's store.
        #expect(bench.countByStatus("k")["dead", default: 0] == ids.count)
    }
}
