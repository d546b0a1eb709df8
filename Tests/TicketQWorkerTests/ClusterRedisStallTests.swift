import Foundation
import TicketQRedis
import TicketQTestSupport
import Testing

/// redis-server stalls (a slow command, a fork, a paused VM) for longer than the workers'
/// command timeout: replies arrive too late or never, the worker retries, and still every ticket
/// ends with exactly one accepted outcome.
struct ClusterRedisStallTests {
    @Test(.timeLimit(.minutes(2)))
    func acknowledgementsDelayedPastTheCommandTimeoutKeepTheirOutcomes() async throws {
        let bench = try ClusterTestBench(redis: RedisServerOptions(extraConfiguration: ["enable-debug-command yes"]))
        let (file, ids) = try bench.writeTickets(3000, prefix: "st")
        let worker = try await bench.startReadyWorker(id: "patient", store: "a", handler: "simulate:fixed=10ms", concurrency: 4)
        #expect(try await bench.submit(file).output.status == 0)
        let busy = try await bench.eventually("patient busy", timeout: .seconds(30)) {
            (bench.countByStatus("a")["done"] ?? 0) >= 300
        }
        #expect(busy, "\(bench.logs)")

        // Block the server for 6 s, past the worker's 5 s command timeout, while acks are in flight.
        let url = bench.server.url
        let stall: Result<Void, any Error> = await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(returning: Result {
                    let connection = try RedisConnection(url: try RedisURL(url), options: RedisConnectionOptions(commandTimeout: .seconds(30)))
                    _ = try connection.command("DEBUG", "SLEEP", "6")
                })
            }
        }
        try stall.get()
        #expect((bench.outstanding() ?? 0) > 0, "the stall must come in the middle of the run")

        let drained = try await bench.eventually("drained after the stall", timeout: .seconds(40)) { bench.outstanding() == 0 }
        #expect(drained, "\(bench.logs)")
        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")
        let ledger = try await bench.ledger(["a"])
        let violations = ledger.violations(expecting: ids)
        print("redis stall: \(violations.count) tickets without exactly one accepted outcome; \(ledger.rows.filter { $0.status == "superseded" }.count) superseded rows")
        #expect(violations.isEmpty, "an ack Redis applied late must not leave its only outcome superseded:\n\(violations.joined(separator: "\n"))\n\(worker.logTail())")
    }
}
