import Foundation
import TicketQTestSupport
import Testing

/// Real supervisord running the shipped `ops/supervisor/ticketq.conf` against a Redis server
/// loaded with the shipped `ops/redis/users.acl` (only paths, ports, secrets and the system user
/// substituted): workers restarted after `kill -9`, scaled with `supervisorctl`, and drained by
/// `supervisorctl stop` while Prometheus-like keep-alive scrapes are open — with exactly one
/// accepted outcome per ticket and no SIGKILL.
struct SupervisordTests {
    @Test(.timeLimit(.minutes(3)))
    func workersSurviveAKillScaleUpAndDrainOnStop() async throws {
        let supervisord = try RequiredTool.path("supervisord", package: "supervisor")
        let supervisorctl = try RequiredTool.path("supervisorctl", package: "supervisor")
        let scratch = try TemporaryDirectory(prefix: "acl")
        let aclFile = scratch.file("users.acl")
        try OpsFiles.text(OpsFiles.redisACL)
            .replacingOccurrences(of: "REPLACE-WITH-THE-ADMIN-PASSWORD", with: "admin-secret")
            .replacingOccurrences(of: "REPLACE-WITH-THE-TICKETQ-PASSWORD", with: "supervised-secret")
            .write(to: aclFile, atomically: true, encoding: .utf8)
        let bench = try OpsTestBench(
            redis: RedisServerOptions(extraConfiguration: ["aclfile \"\(aclFile.path)\""]),
            redisURL: { "redis://ticketq@127.0.0.1:\($0.port)/0" }
        )
        let passwordFile = bench.directory.file("redis-password")
        try "supervised-secret".write(to: passwordFile, atomically: true, encoding: .utf8)
        bench.environment["TICKETQ_REDIS_PASSWORD_FILE"] = passwordFile.path
        try await bench.initializeDeployment()
        let basePort = try ConsecutivePorts.allocate(count: 4)
        let state = bench.directory.file("state")
        let logs = bench.directory.file("logs")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)

        // The tests do not run as the `ticketq` system user; supervisord accepts `user=` naming the
        // user it runs as (root or not), so the line stays and only the name changes.
        let currentUser = String(cString: try #require(getpwuid(getuid())).pointee.pw_name)
        func program(numprocs: Int) throws -> String {
            let shipped = try OpsFiles.text(OpsFiles.supervisorConfig)
            #expect(shipped.contains("redis://ticketq@127.0.0.1:6379/0"), "the shipped URL must name the ACL user")
            #expect(shipped.contains("\nuser=ticketq\n"))
            return shipped
                .replacingOccurrences(of: "/usr/local/bin/ticketq", with: bench.executable.path)
                .replacingOccurrences(of: "/var/lib/ticketq", with: state.path)
                .replacingOccurrences(of: "/var/log/ticketq", with: logs.path)
                .replacingOccurrences(of: "@127.0.0.1:6379/0", with: "@127.0.0.1:\(bench.server.port)/0")
                .replacingOccurrences(of: "/etc/ticketq/redis-password", with: passwordFile.path)
                .replacingOccurrences(of: "numprocs_start=9464", with: "numprocs_start=\(basePort)")
                .replacingOccurrences(of: "numprocs=4", with: "numprocs=\(numprocs)")
                .replacingOccurrences(of: "\nuser=ticketq\n", with: "\nuser=\(currentUser)\n")
        }
        let includes = bench.directory.file("conf.d")
        try FileManager.default.createDirectory(at: includes, withIntermediateDirectories: true)
        try program(numprocs: 3).write(to: includes.appendingPathComponent("ticketq.conf"), atomically: true, encoding: .utf8)
        let socket = bench.directory.file("supervisor.sock").path
        let main = bench.directory.file("supervisord.conf")
        try """
            [unix_http_server]
            file=\(socket)
            [supervisord]
            nodaemon=true
            logfile=\(bench.directory.file("supervisord.log").path)
            pidfile=\(bench.directory.file("supervisord.pid").path)
            childlogdir=\(logs.path)
            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
            [supervisorctl]
            serverurl=unix://\(socket)
            [include]
            files = \(includes.path)/*.conf

            """.write(to: main, atomically: true, encoding: .utf8)
        let daemon = try ManagedProcess(
            URL(fileURLWithPath: supervisord), ["-c", main.path], name: "supervisord", logDirectory: bench.directory.url, environment: bench.environment
        )
        defer { if daemon.isRunning { daemon.kill() } }
        func ctl(_ arguments: [String]) async throws -> ProcessOutput {
            try await ProcessRunner.runOffPool(URL(fileURLWithPath: supervisorctl), ["-c", main.path] + arguments)
        }
        func running() async throws -> [String: Int32] {
            var pids: [String: Int32] = [:]
            for line in try await ctl(["status"]).stdout.split(separator: "\n") where line.contains("RUNNING") {
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                if let pidIndex = fields.firstIndex(of: "pid"), pidIndex + 1 < fields.count,
                   let pid = Int32(fields[pidIndex + 1].trimmingCharacters(in: CharacterSet(charactersIn: ","))) {
                    pids[String(fields[0])] = pid
                }
            }
            return pids
        }
        let log = { (try? String(contentsOf: bench.directory.file("supervisord.log"), encoding: .utf8)) ?? "" }

        let three = try await bench.eventually(timeout: .seconds(30)) { try await running().count == 3 }
        let statusAfterStart = (try? await ctl(["status"]).stdout) ?? ""
        #expect(three, "three workers should be RUNNING\n\(statusAfterStart)\n\(log())")

        let first = try bench.writeTickets(20_000, prefix: "wave1")
        let submitted = try await bench.run(["submit", first.path])
        #expect(submitted.status == 0, "submit: \(submitted.stderr)")

        // kill -9 one worker; supervisord restarts it.
        let before = try await running()
        let (victim, victimPID) = try #require(before.sorted { $0.key < $1.key }.first)
        kill(victimPID, SIGKILL)
        let restarted = try await bench.eventually(timeout: .seconds(30)) {
            let now = try await running()
            return now.count == 3 && now[victim] != nil && now[victim] != victimPID
        }
        #expect(restarted, "supervisord did not restart \(victim)\n\(log())")

        // Scale to four.
        try program(numprocs: 4).write(to: includes.appendingPathComponent("ticketq.conf"), atomically: true, encoding: .utf8)
        _ = try await ctl(["reread"])
        let update = try await ctl(["update"])
        #expect(update.status == 0, "supervisorctl update: \(update.stdout)\(update.stderr)")
        let four = try await bench.eventually(timeout: .seconds(60)) { try await running().count == 4 }
        let statusAfterUpdate = (try? await ctl(["status"]).stdout) ?? ""
        #expect(four, "four workers should be RUNNING after the update\n\(statusAfterUpdate)")

        let second = try bench.writeTickets(20_000, prefix: "wave2")
        let resubmitted = try await bench.run(["submit", second.path])
        #expect(resubmitted.status == 0, "submit: \(resubmitted.stderr)")
        let drained = try await bench.eventually(timeout: .seconds(90)) { await bench.outstanding() == 0 }
        let statusAfterDrain = (try? await ctl(["status"]).stdout) ?? ""
        #expect(drained, "tickets still queued or in flight\n\(statusAfterDrain)")

        // Graceful stop of everything while a scraper holds a keep-alive connection to each
        // worker's /metrics, as Prometheus does between scrapes: every worker drains, closes the
        // connection and exits 0 before stopwaitsecs.
        let scrapers = try (0..<4).map { offset in
            let scraper = try HTTPTestClient(port: basePort + offset)
            let scrape = try scraper.request("GET", "/metrics")
            #expect(scrape.status == 200 && scrape.headers["connection"] == "keep-alive", "worker \(basePort + offset): \(scrape.status)")
            return scraper
        }
        let stop = try await ctl(["stop", "all"])
        #expect(stop.status == 0, "supervisorctl stop all: \(stop.stdout)\(stop.stderr)")
        let stopLines = log().split(separator: "\n").filter { $0.contains("stopped: ticketq-worker") }
        #expect(stopLines.count >= 4, "\(log())")
        #expect(stopLines.allSatisfy { $0.contains("(exit status 0)") }, "a worker did not drain cleanly:\n\(stopLines.joined(separator: "\n"))")
        // supervisord logs "killing NAME (pid N) with SIGKILL" when stopwaitsecs runs out.
        #expect(!log().contains("with SIGKILL"), "a worker was killed past its grace:\n\(log())")
        for scraper in scrapers { #expect(throws: Never.self) { try scraper.waitUntilClosed() } }
        daemon.terminate()
        _ = await daemon.waitForExit(timeout: .seconds(30))

        let stores = (0..<4).map { state.appendingPathComponent("worker-\(basePort + $0).db").path }
        let ledger = try await bench.ledger(stores)
        let violations = ledger.violations(expecting: first.ids + second.ids)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
        #expect(ledger.liveInSeveralStores.isEmpty, "tickets live in two stores: \(ledger.liveInSeveralStores.prefix(5))")
    }
}
