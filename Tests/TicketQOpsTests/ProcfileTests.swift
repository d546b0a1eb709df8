import Foundation
import TicketQTestSupport
import Testing

/// honcho runs the shipped `Procfile` as is (only the Redis URL and password file set in its
/// `.env`): two workers on consecutive ports drain the tickets with one accepted outcome each,
/// and honcho's SIGTERM stops both with exit status 0.
struct ProcfileTests {
    @Test(.timeLimit(.minutes(3)))
    func honchoRunsTheShippedProcfile() async throws {
        let honcho = try RequiredTool.path("honcho", package: "honcho (PyPI; scripts/bootstrap.sh installs it)")
        let bench = try OpsTestBench(redis: RedisServerOptions(password: "procfile-secret"))
        let passwordFile = bench.directory.file("redis-password")
        try "procfile-secret".write(to: passwordFile, atomically: true, encoding: .utf8)
        bench.environment["TICKETQ_REDIS_PASSWORD_FILE"] = passwordFile.path
        try await bench.initializeDeployment()

        let app = bench.directory.file("app")
        try FileManager.default.createDirectory(at: app.appendingPathComponent("var"), withIntermediateDirectories: true)
        try "TICKETQ_REDIS_URL=\(bench.server.url)\nTICKETQ_REDIS_PASSWORD_FILE=\(passwordFile.path)\n"
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
        #expect(try await bench.run(["submit", file]).status == 0)
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
        let stores = [base, base + 1].map { app.appendingPathComponent("var/worker-\($0).db").path }
        let accepted = try await bench.ledger(stores).rows.filter(\.isAccepted)
        #expect(Set(accepted.map(\.ticketID)) == Set(ids) && accepted.count == ids.count)
    }
}
