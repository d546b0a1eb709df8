import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// Starting worker processes: several at once on a new database file, and against a Redis that
/// is not there.
struct ClusterStartupTests {
    @Test(.timeLimit(.minutes(2)))
    func workersStartingTogetherOnANewDatabaseShareIt() async throws {
        let bench = try ClusterTestBench()
        // Three pairs, each pair racing to create and migrate its own new file.
        let stores = ["shared-1", "shared-2", "shared-3"]
        var workers: [ManagedProcess] = []
        for store in stores {
            for side in ["x", "y"] {
                workers.append(try bench.startWorker(id: "\(store)-\(side)", store: store, handler: "simulate:fixed=20ms", concurrency: 8))
            }
        }
        let started = try await bench.eventually("all started", timeout: .seconds(30)) {
            workers.allSatisfy { !$0.isRunning || $0.standardError.contains("worker started") }
        }
        #expect(started && workers.allSatisfy(\.isRunning), "every worker should start\n\(bench.logs)")

        let (file, ids) = try bench.writeTickets(600, prefix: "n")
        #expect(try await bench.submit(file).output.status == 0)
        let drained = try await bench.eventually("drained", timeout: .seconds(40)) { bench.outstanding() == 0 }
        #expect(drained, "\(bench.logs)")
        for worker in workers {
            worker.terminate()
            #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")
            for symptom in ["already exists", "no such table", "database is locked", "cannot open the outcome store", "outcome commit failed"] {
                #expect(!worker.standardError.contains(symptom), "\(worker.logTail())")
            }
        }
        let ledger = try await bench.ledger(stores)
        #expect(ledger.violations(expecting: ids).isEmpty, "\(ledger.violations(expecting: ids).joined(separator: "\n"))")
        let byWorker = Dictionary(grouping: ledger.rows, by: \.worker).mapValues(\.count)
        print("new database race: outcomes per worker \(byWorker.sorted { $0.key < $1.key })")
        for worker in workers {
            let id = worker.arguments[worker.arguments.firstIndex(of: "--id")! + 1]
            #expect((byWorker[id] ?? 0) > 0, "\(id) processed nothing")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aWorkerWaitsOutAnUnreachableRedisWhileSubmitFailsFast() async throws {
        let directory = try TemporaryDirectory(prefix: "ticketq-unreachable")
        // A port that is ours but where nothing listens yet: the server starts there later.
        let server = try RedisServerProcess(options: RedisServerOptions(password: "s3cret-word"))
        server.stop()
        let url = "redis://:s3cret-word@127.0.0.1:\(server.port)/0"
        let redacted = "127.0.0.1:\(server.port)"
        let tickets = directory.file("one.jsonl")
        try #"{"id":"u-1","brand":"mejurn","received_at":"2026-11-27T15:00:00Z","subject":"Help","category":"general"}"#
            .write(to: tickets, atomically: true, encoding: .utf8)
        let executable = ProcessRunner.product("ticketq")
        let metricsPort = try FreePort.allocate()
        let worker = try ManagedProcess(
            executable, ["worker", "--redis", url, "--db", directory.file("w.db").path, "--id", "patient", "--metrics-addr", "127.0.0.1:\(metricsPort)"],
            name: "patient", logDirectory: directory.url
        )
        defer { if worker.isRunning { worker.kill() } }
        var readiness: HTTPTestClient.Response?
        // "starting" comes first, until the first attempt to reach Redis has failed.
        for _ in 0..<100 where readiness?.text.contains(redacted) != true {
            readiness = try? HTTPTestClient.get(port: metricsPort, "/readyz")
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(readiness?.status == 503 && readiness?.text.contains(redacted) == true, "\(readiness?.text ?? "no answer")\n\(worker.logTail())")
        #expect(readiness?.text.contains("s3cret-word") == false)
        #expect(worker.isRunning, "the worker must wait for Redis, not exit\n\(worker.logTail())")
        #expect(!worker.standardError.contains("s3cret-word"), "the password must be redacted\n\(worker.logTail())")

        let submit = try ProcessRunner.run(executable, ["submit", "--redis", url, tickets.path])
        #expect(submit.status == 1, "\(submit)")
        #expect(submit.stderr.contains("cannot connect to Redis") && submit.stderr.contains(redacted), "\(submit.stderr)")
        #expect(!submit.stderr.contains("s3cret-word") && !submit.stdout.contains("s3cret-word"))

        // Redis comes: the worker starts by itself once the deployment is initialised.
        try server.restart()
        let initialized = try ProcessRunner.run(executable, ["deployment", "init", "--redis", url])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        var ready = false
        for _ in 0..<300 where !ready {
            ready = (try? HTTPTestClient.get(port: metricsPort, "/readyz"))?.status == 200
            if !ready { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(ready, "\(worker.logTail())")
        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")
    }
}
