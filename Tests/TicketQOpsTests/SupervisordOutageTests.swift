import Foundation
import TicketQTestSupport
import Testing

/// Redis stopped for two minutes under the shipped supervisord program: the workers stay
/// RUNNING (same processes, never FATAL), are not ready meanwhile, and drain when Redis returns.
struct SupervisordOutageTests {
    @Test(.timeLimit(.minutes(5)))
    func workersStayRunningThroughARedisOutageAndDrainAfter() async throws {
        let supervised = try await SupervisordBench(numprocs: 2, maxWorkers: 2, appendOnly: true)
        let bench = supervised.ops
        let up = try await bench.eventually(timeout: .seconds(30)) { try await supervised.running().count == 2 }
        #expect(up, "\(supervised.log)")
        let before = try await supervised.running()
        let first = try bench.writeTickets(2_000, prefix: "before")
        #expect(try await bench.run(["submit", first.path], as: .intake).status == 0)
        #expect(try await bench.eventually(timeout: .seconds(60)) { await bench.outstanding() == 0 })

        bench.server.stop()
        let outageEnds = ContinuousClock.now + .seconds(120)
        var notReady = false
        while ContinuousClock.now < outageEnds {
            let now = try await supervised.running()
            let status = try await supervised.ctl(["status"]).stdout
            #expect(now == before, "a worker was restarted or stopped during the outage\n\(status)")
            if now != before { break }
            notReady = notReady || (try? HTTPTestClient.get(port: supervised.basePort, "/readyz"))?.status == 503
            try await Task.sleep(for: .seconds(5))
        }
        #expect(notReady, "a worker without Redis must not be ready")
        let refused = try await bench.run(["submit", try bench.writeTickets(10, prefix: "refused").path], as: .intake)
        #expect(refused.status == 1)

        try bench.server.restart()
        let second = try bench.writeTickets(2_000, prefix: "after")
        #expect(try await bench.run(["submit", second.path], as: .intake).status == 0)
        let drained = try await bench.eventually(timeout: .seconds(90)) { await bench.outstanding() == 0 }
        let status = try await supervised.ctl(["status"]).stdout
        #expect(drained, "\(status)")
        #expect(try await supervised.running() == before, "the same worker processes drain after the outage")
        #expect(!supervised.log.contains("FATAL") && !supervised.log.contains("entered BACKOFF"), "\(supervised.log)")
        await supervised.stop()

        let ledger = try await bench.ledger(supervised.stores(2))
        let violations = ledger.violations(expecting: first.ids + second.ids)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }
}
