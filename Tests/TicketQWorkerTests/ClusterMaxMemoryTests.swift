import Foundation
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// Redis over `maxmemory` (`noeviction`) with a backlog: workers still claim, renew, acknowledge,
/// heartbeat and reap, so the backlog drains with exactly one accepted outcome per ticket; only
/// new tickets are refused, with a clear error and exit status.
struct ClusterMaxMemoryTests {
    @Test(.timeLimit(.minutes(3)))
    func aFullRedisStillDrainsAndRefusesOnlyNewTickets() async throws {
        let bench = try ClusterTestBench()
        let (file, ids) = try bench.writeTickets(3000, prefix: "full")
        #expect(try await bench.submit(file).output.status == 0)
        let connection = try RedisConnection(url: try RedisURL(bench.server.url))
        let info = try connection.command("INFO", "memory").string ?? ""
        let used = try #require(info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("used_memory:") }
            .flatMap { Int($0.dropFirst("used_memory:".count)) })
        try connection.command("CONFIG", "SET", "maxmemory-policy", "noeviction")
        try connection.command("CONFIG", "SET", "maxmemory", String(used - 256 * 1024))

        // Full: a new ticket is refused, with Redis's reason and a failing exit status.
        let (late, _) = try bench.writeTickets(5, prefix: "late", file: "late.jsonl")
        let refused = try await bench.submit(late)
        #expect(refused.output.status == 1 && refused.output.stderr.contains("OOM"), "\(refused.output.stdout)\(refused.output.stderr)")

        let a = try await bench.startReadyWorker(id: "worker-a", store: "a", handler: "simulate:fixed=1ms", concurrency: 64)
        let b = try await bench.startReadyWorker(id: "worker-b", store: "b", handler: "simulate:fixed=1ms", concurrency: 64)
        let drained = try await bench.eventually("drained under maxmemory", timeout: .seconds(90)) { bench.outstanding() == 0 }
        #expect(drained, "\(bench.outstanding() ?? -1) outstanding\n\(bench.logs)")
        a.terminate()
        b.terminate()
        #expect(await a.waitForExit(timeout: .seconds(30)) == 0, "\(a.logTail())")
        #expect(await b.waitForExit(timeout: .seconds(30)) == 0, "\(b.logTail())")
        for worker in [a, b] {
            #expect(!worker.standardError.contains("OOM"), "a worker operation was refused for memory:\n\(worker.logTail())")
        }
        let ledger = try await bench.ledger(["a", "b"])
        #expect(ledger.violations(expecting: ids).isEmpty, "\(ledger.violations(expecting: ids).joined(separator: "\n"))")
        // The drained backlog made room: tickets are accepted again.
        #expect(try await bench.submit(late).output.status == 0)
    }
}
