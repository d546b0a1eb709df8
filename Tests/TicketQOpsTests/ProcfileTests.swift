import Foundation
import TicketQTestSupport
import Testing

/// honcho runs the shipped `Procfile` as is (only the Redis URL of the shipped ACL's `worker` user
/// and its password file set in its `.env`): two workers on consecutive ports drain the tickets with one accepted outcome each,
/// and honcho's SIGTERM stops both with exit status 0.
struct ProcfileTests {
    @Test(.timeLimit(.minutes(3)))
    func honchoRunsTheShippedProcfile() async throws {
        let honcho = try RequiredTool.path("honcho", package: "honcho (PyPI; scripts/bootstrap.sh installs it)")
        let scratch = try TemporaryDirectory(prefix: "acl")
        let aclFile = try ShippedACL.write(in: scratch)
        let bench = try OpsTestBench(redis: RedisServerOptions(extraConfiguration: ["aclfile \"\(aclFile.path)\""]))
        try bench.connect(as: .operator)
        try await bench.initializeDeployment(as: .admin)

        // The workers connect as the shipped `worker` user, named in the URL of `.env`.
        let worker = try bench.environment(as: .worker)
        let app = bench.directory.file("app")
        try FileManager.default.createDirectory(at: app.appendingPathComponent("var"), withIntermediateDirectories: true)
        try "TICKETQ_REDIS_URL=\(worker["TICKETQ_REDIS_URL"] ?? "")\nTICKETQ_REDIS_PASSWORD_FILE=\(worker["TICKETQ_REDIS_PASSWORD_FILE"] ?? "")\n"
            .write(to: app.appendingPathComponent(".env"), atomically: true, encoding: .utf8)
        var environment = bench.environment
        environment["TICKETQ_REDIS_URL"] = nil
        environment["TICKETQ_REDIS_PASSWORD_FILE"] = nil
        environment["PATH"] = bench.executable.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        let base = try ConsecutivePorts.allocate(count: 2)
        let runner = try ManagedProcess(
            URL(fileURLWithPath: honcho),
            ["start", "-f", OpsFiles.procfile.path, "-d", app.path, "-e", app.appendingPathComponent(".env").path, "-p", String(base), "-c", "worker=2"],
            name: "honcho", logDirectory: bench.directory.url, environment: environment, currentDirectory: app
        )
        defer { if runner.isRunning { runner.kill() } }

        let ready = try await bench.eventually(timeout: .seconds(60)) {
            [base, base + 1].allSatisfy { (try? HTTPTestClient.get(port: $0, "/readyz"))?.status == 200 }
        }
        #expect(ready, "\(runner.standardOutput.suffix(3_000))")
        let (file, ids) = try bench.writeTickets(1_000, prefix: "procfile")
        #expect(try await bench.run(["submit", file], as: .intake).status == 0)
        let drained = try await bench.eventually(timeout: .seconds(60)) { await bench.outstanding() == 0 }
        #expect(drained, "\(runner.logTail())")

        runner.terminate()
        #expect(await runner.waitForExit(timeout: .seconds(30)) != nil, "honcho did not stop\n\(runner.logTail())")
        let output = runner.standardOutput + runner.standardError
        // honcho runs each line under `sh -c` and reports the shell's status; the worker's own
        // clean exit shows in its log.
        for index in 1...2 {
            #expect(output.contains("worker.\(index) | ") && output.contains("worker.\(index) stopped"), "\(output.suffix(2_000))")
        }
        #expect(output.components(separatedBy: "[TicketQWorker] worker stopped").count == 3, "both workers drain and stop\n\(output.suffix(2_000))")
        #expect(!output.contains("SIGKILL"), "\(output.suffix(2_000))")
        #expect(!output.contains("NOPERM"), "a command was refused by the ACL\n\(output.suffix(2_000))")
        let stores = [base, base + 1].map { app.appendingPathComponent("var/worker-\($0).db").path }
        let accepted = try await bench.ledger(stores).rows.filter(\.isAccepted)
        #expect(Set(accepted.map(\.ticketID)) == Set(ids) && accepted.count == ids.count)
    }
}
