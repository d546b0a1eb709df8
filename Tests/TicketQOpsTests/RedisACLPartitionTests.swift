import Foundation
import TicketQTestSupport
import Testing

/// The shipped ACL on a deployment of several partitions: intake submits, a worker drains and
/// settles, and the operator reads status and dead letters, each as its own user, with every
/// partition's keys (`{ticketq:pK}:…`) granted and nothing refused; the partitions' keys stay
/// out of reach of what each role must not do.
struct RedisACLPartitionTests {
    @Test(.timeLimit(.minutes(3)))
    func everyRoleWorksOverPartitions() async throws {
        let bench = try await RedisACLBench(partitions: 4)
        let ops = bench.ops
        let (file, ids) = try ops.writeTickets(200, prefix: "part")
        let submitted = try await ops.run(["submit", file], as: .intake)
        #expect(submitted.status == 0, "\(submitted.stderr)")
        #expect(try await bench.send(.admin, ["HLEN", "{ticketq:p1}:ticket"]) != "0", "partition 1 holds no tickets")
        #expect(try await bench.send(.admin, ["EXISTS", "{ticketq}:ticket"]) == "0", "the root holds tickets")

        let store = ops.directory.file("worker.db").path
        let worker = try bench.start(
            "worker", ["worker", "--db", store, "--id", "part-worker", "--handler", "simulate:fail=0.2,seed=3", "--max-deliveries", "2"],
            as: .worker
        )
        let drained = try await ops.eventually(timeout: .seconds(60)) { await ops.outstanding() == 0 }
        #expect(drained, "not drained as the worker user\n\(worker.logTail())")
        let status = try await ops.run(["status", "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        let listed = try await ops.run(["dlq", "list"])
        #expect(listed.status == 0 && listed.stdout.contains("part-"), "\(listed.stdout)\(listed.stderr)")
        let shown = try await ops.run(["deployment", "show"])
        #expect(shown.stdout.contains("4 partitions"), "\(shown.stdout)\(shown.stderr)")

        for command in [
            ["HGETALL", "{ticketq:p0}:ticket"], ["DEL", "{ticketq:p2}:lane:standard"], ["HGETALL", "{ticketq:p3}:deadinfo"],
        ] {
            try await bench.expectRefused(.intake, command)
        }
        try await bench.expectRefused(.worker, ["HSET", "{ticketq:p1}:seen", "x", ""])
        try await bench.expectRefused(.operator, ["DEL", "{ticketq:p1}:lease"])

        try await bench.expectCleanStop(of: worker, settling: ids, in: store)
    }
}
