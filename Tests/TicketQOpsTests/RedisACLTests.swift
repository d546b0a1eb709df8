import Foundation
import TicketQTestSupport
import Testing

/// The shipped Redis ACL (`ops/redis/users.acl`) is enough for every ticketq command: a server
/// loads it (passwords filled in), and submit, worker, status, the high-volume switch and the
/// dead-letter commands all run as the unprivileged `ticketq` user.
struct RedisACLTests {
    @Test(.timeLimit(.minutes(2)))
    func everyCommandWorksAsTheShippedUnprivilegedUser() async throws {
        let acl = try OpsFiles.text(OpsFiles.redisACL)
            .replacingOccurrences(of: "REPLACE-WITH-THE-ADMIN-PASSWORD", with: "admin-secret")
            .replacingOccurrences(of: "REPLACE-WITH-THE-TICKETQ-PASSWORD", with: "ticketq-secret")
        let scratch = try TemporaryDirectory(prefix: "acl")
        let aclFile = scratch.file("users.acl")
        try acl.write(to: aclFile, atomically: true, encoding: .utf8)
        let bench = try OpsTestBench(
            redis: RedisServerOptions(extraConfiguration: ["aclfile \"\(aclFile.path)\""]),
            redisURL: { "redis://ticketq@127.0.0.1:\($0.port)/0" }
        )
        let passwordFile = bench.directory.file("redis-password")
        try "ticketq-secret\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        bench.environment["TICKETQ_REDIS_PASSWORD_FILE"] = passwordFile.path

        // The default user is off: nothing works without the credentials.
        var anonymous = bench.environment
        anonymous["TICKETQ_REDIS_PASSWORD_FILE"] = nil
        anonymous["TICKETQ_REDIS_URL"] = bench.server.url
        let refused = try await ProcessRunner.runOffPool(bench.executable, ["status"], environment: anonymous)
        #expect(refused.status != 0, "status without credentials should fail: \(refused.stdout)")

        try await bench.initializeDeployment()
        let (file, ids) = try bench.writeTickets(500, prefix: "acl")
        let submitted = try await bench.run(["submit", file])
        #expect(submitted.status == 0, "submit: \(submitted.stderr)")
        let switched = try await bench.run(["brand", "high-volume", "mejurn", "on"])
        #expect(switched.status == 0, "brand high-volume: \(switched.stderr)")

        let store = bench.directory.file("acl.db").path
        let worker = try ManagedProcess(
            bench.executable, ["worker", "--db", store, "--id", "acl-worker", "--metrics-addr", "127.0.0.1:0", "--handler", "simulate:fail=0.2,seed=3", "--max-deliveries", "1"],
            name: "worker", logDirectory: bench.directory.url, environment: bench.environment
        )
        let drained = try await bench.eventually(timeout: .seconds(60)) { await bench.outstanding() == 0 }
        #expect(drained, "not drained as the ACL user\n\(worker.logTail())")
        #expect(!worker.standardError.contains("NOPERM"), "a command was refused by the ACL:\n\(worker.logTail())")

        let status = try await bench.run(["status", "--json"])
        #expect(status.status == 0, "status: \(status.stderr)")
        let dead = try await bench.run(["dlq", "list"])
        #expect(dead.status == 0, "dlq list: \(dead.stderr)")
        let requeued = try await bench.run(["dlq", "requeue", "--all"])
        #expect(requeued.status == 0, "dlq requeue: \(requeued.stderr)")
        let purged = try await bench.run(["dlq", "purge"])
        #expect(purged.status == 0 || purged.stderr.contains("--yes"), "dlq purge: \(purged.stderr)")

        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")
        let ledger = try await bench.ledger([store])
        let accepted = Set(ledger.rows.filter(\.isAccepted).map(\.ticketID))
        #expect(accepted.isSuperset(of: ids), "tickets without an accepted outcome: \(Set(ids).subtracting(accepted).prefix(5))")
        #expect(!worker.standardError.contains("NOPERM"), "a command was refused by the ACL:\n\(worker.logTail())")
    }
}
