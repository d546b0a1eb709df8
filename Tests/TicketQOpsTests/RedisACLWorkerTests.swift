import Foundation
import TicketQTestSupport
import Testing

/// The shipped ACL's `worker` user claims, settles (acknowledges, retries, dead-letters) and
/// maintains (heartbeats, reaping, promotion, the collector's gauges) without a single refusal,
/// and may not submit, quarantine, list dead letters, read the quarantine, switch brands, nor run
/// anything else. (It may delete dead letters and quarantined messages: it evicts them under the
/// retention limits.)
struct RedisACLWorkerTests {
    @Test(.timeLimit(.minutes(3)))
    func workerDrainsAndSettlesAndIsRefusedTheRest() async throws {
        let bench = try await RedisACLBench()
        let ops = bench.ops
        let (file, ids) = try ops.writeTickets(300, prefix: "acl")
        #expect(try await ops.run(["submit", file], as: .intake).status == 0)
        #expect(try await ops.run(["submit", "--format", "eml", try bench.strayEmail().path], as: .intake).status == 2)

        let port = try FreePort.allocate()
        let store = ops.directory.file("worker.db").path
        let worker = try bench.start(
            "worker",
            ["worker", "--db", store, "--id", "acl-worker", "--metrics-addr", "127.0.0.1:\(port)", "--handler", "simulate:fail=0.2,seed=3", "--max-deliveries", "2"],
            as: .worker
        )
        let drained = try await ops.eventually(timeout: .seconds(60)) { await ops.outstanding() == 0 }
        #expect(drained, "not drained as the worker user\n\(worker.logTail())")
        let collecting = try await ops.eventually(timeout: .seconds(30)) {
            let metrics = (try? HTTPTestClient.get(port: port, "/metrics"))?.text ?? ""
            return metrics.contains("ticketq_collector_leader 1") && metrics.contains("ticketq_dead_letter_depth ")
        }
        #expect(collecting, "the worker exports no cluster gauges\n\(worker.logTail())")
        let dead = try #require(try await bench.setSize("dead"))
        #expect(dead > 0, "the handler fails often enough for dead letters")

        // Submitting, quarantining and everything an operator does.
        for command in [
            ["submit", file], ["dlq", "list"], ["dlq", "show", "acl-1"], ["quarantine", "list"],
            ["brand", "high-volume", "mejurn", "on"], ["deployment", "init"],
        ] {
            let refused = try await ops.run(command, as: .worker)
            #expect(refused.status != 0 && refused.stderr.contains("connect as the user of the command's role"), "\(command): \(refused.stderr)")
        }
        try await bench.expectRefused(.worker, try await bench.call("submit", ["60000", "1", "x", "n", "1", "", "d", "r1|n|n|0|1|1\np"]))
        try await bench.expectRefused(.worker, try await bench.call("quarantine", ["x", "{}", "raw", "100"]))
        try await bench.expectRefused(.worker, try await bench.call("record_high_volume", ["mejurn", "1", "", "10"]))
        for command in [
            ["HGETALL", RedisACLBench.key("deadinfo")], ["HMGET", RedisACLBench.key("deadinfo"), "acl-1"],
            ["HGETALL", RedisACLBench.key("quarantine")], ["HGETALL", RedisACLBench.key("quarantine:raw")], ["HGET", RedisACLBench.key("quarantine:raw"), "x"],
            ["DEL", RedisACLBench.key("ticket")], ["DEL", RedisACLBench.key("dead")], ["DEL", RedisACLBench.key("lane:standard")],
            ["HSET", RedisACLBench.key("seen"), "x", ""], ["HSET", RedisACLBench.key("highvolume"), "mejurn", "[]"],
        ] {
            try await bench.expectRefused(.worker, command)
        }
        for command in RedisACLBench.administration {
            try await bench.expectRefused(.worker, command)
        }
        #expect(try await bench.setSize("dead") == dead, "a dead letter moved")
        #expect(try await bench.hashLength("quarantine") == 1)

        try await bench.expectCleanStop(of: worker, settling: ids, in: store)
        #expect(try await bench.send(.admin, ["HLEN", RedisACLBench.key("workers")]) == "0", "the worker deregisters on its way out")
    }
}
