import Foundation
import TicketQTestSupport
import Testing

/// The shipped ACL's `operator` user runs status, the dead-letter, quarantine and brand commands
/// (a quarantine retry submits), and may not claim, settle, register a worker, load the library
/// nor run anything else; `admin` loads the library.
struct RedisACLOperatorTests {
    @Test(.timeLimit(.minutes(3)))
    func operatorCommandsWorkAndWorkerWorkIsRefused() async throws {
        let bench = try await RedisACLBench()
        let ops = bench.ops
        let (file, _) = try ops.writeTickets(20, prefix: "doomed")
        #expect(try await ops.run(["submit", file], as: .intake).status == 0)
        #expect(try await ops.run(["submit", "--format", "eml", try bench.strayEmail().path], as: .intake).status == 2)
        let failing = try bench.start(
            "failing", ["worker", "--db", ops.directory.file("failing.db").path, "--id", "failing", "--metrics-addr", "127.0.0.1:0",
                        "--handler", "simulate:fail=1", "--max-deliveries", "1"],
            as: .worker
        )
        let deadLettered = try await ops.eventually(timeout: .seconds(60)) { try await bench.setSize("dead") == 20 }
        #expect(deadLettered, "\(failing.logTail())")
        failing.terminate()
        #expect(await failing.waitForExit(timeout: .seconds(30)) == 0, "\(failing.logTail())")

        for command in [["status"], ["status", "--json"], ["deployment", "show"], ["dlq", "list"], ["dlq", "show", "doomed-0"], ["quarantine", "list"]] {
            let output = try await ops.run(command)
            #expect(output.status == 0, "\(command): \(output.stderr)")
        }
        let requeued = try await ops.run(["dlq", "requeue", "doomed-0"])
        #expect(requeued.status == 0, "dlq requeue: \(requeued.stderr)")
        let purged = try await ops.run(["dlq", "purge", "--yes"])
        #expect(purged.status == 0, "dlq purge: \(purged.stderr)")
        #expect(try await bench.setSize("dead") == 0)
        let switched = try await ops.run(["brand", "high-volume", "mejurn", "on"])
        #expect(switched.status == 0, "brand high-volume: \(switched.stderr)")
        let shown = try await ops.run(["brand", "high-volume", "mejurn"])
        #expect(shown.status == 0 && shown.stdout.contains("on"), "\(shown.stdout)\(shown.stderr)")

        let listed = try await ops.run(["quarantine", "list", "--json"])
        let entry = try JSONSerialization.jsonObject(with: Data((listed.stdout.split(separator: "\n").first ?? "").utf8)) as? [String: Any] ?? [:]
        let quarantined = try #require(entry["id"] as? String, "\(listed.stdout)\(listed.stderr)")
        let message = try await ops.run(["quarantine", "show", quarantined])
        #expect(message.status == 0, "quarantine show: \(message.stderr)")
        let retried = try await ops.run(["quarantine", "retry", "--policies", try bench.policiesAcceptingTheStrayEmail().path, "--all"])
        #expect(retried.status == 0 && retried.stdout.contains("submitted as ticket"), "quarantine retry: \(retried.stdout)\(retried.stderr)")
        #expect(try await bench.hashLength("quarantine") == 0)
        #expect(await ops.outstanding() == 2, "the requeued dead letter and the retried message are queued")

        // A worker's work.
        try await bench.expectRefused(.operator, try await bench.call("claim", ["intruder", "10", "30000", "0.25", "all", "0", "inline"]))
        try await bench.expectRefused(.operator, try await bench.call("acknowledge", ["1", "doomed-0", "1"]))
        try await bench.expectRefused(.operator, try await bench.call("renew", ["30000", "1", "doomed-0", "1"]))
        try await bench.expectRefused(.operator, try await bench.call("register_worker", ["intruder", "i", "{}", "5000"]))
        try await bench.expectRefused(.operator, try await bench.call("lead_collector", ["i", "5000"]))
        try await bench.expectRefused(.operator, try await bench.call("promote", ["1000"]))
        try await bench.expectRefused(.operator, try await bench.call("quarantine", ["q-intruder", "{}", "raw", "100"]))
        for command in [
            ["HGETALL", RedisACLBench.key("lease")], ["ZPOPMIN", RedisACLBench.key("lane:standard")], ["DEL", RedisACLBench.key("ticket")],
            ["DEL", RedisACLBench.key("lane:standard")], ["SET", RedisACLBench.key("fence"), "0"],
        ] {
            try await bench.expectRefused(.operator, command)
        }
        for command in RedisACLBench.administration {
            try await bench.expectRefused(.operator, command)
        }
        let loading = try await ops.run(["deployment", "init"])
        #expect(loading.status != 0 && loading.stderr.contains("refused a command to the user 'operator'"), "\(loading.stderr)")
        #expect(await ops.outstanding() == 2)
        #expect(try await bench.hashLength("quarantine") == 0, "nothing was quarantined")
        #expect(try await bench.hashLength("quarantine:raw") == 0, "nothing was quarantined")

        // Loading the library is admin's.
        let reloaded = try await ops.run(["deployment", "init"], as: .admin)
        #expect(reloaded.status == 0, "deployment init as admin: \(reloaded.stderr)")
    }
}
