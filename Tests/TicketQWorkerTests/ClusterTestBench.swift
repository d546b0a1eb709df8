import Foundation
import TicketQLanes
import TicketQRedis
import TicketQStore
import TicketQTestSupport
import Testing

/// A private redis-server plus `ticketq` processes (submit, workers, status, outcomes, dlq) in a
/// temporary directory: the whole pipeline as an operator runs it, for crash and restart tests.
///
/// Workers are real child processes started with every signal unblocked, logging to files in
/// ``directory``; ``logs`` collects their output and the server's for failure messages. Every
/// process still running when the bench is released is killed.
final class ClusterTestBench {
    let server: RedisServerProcess
    let directory: TemporaryDirectory
    let executable = ProcessRunner.product("ticketq")
    /// The keys of the CLI's default namespace, for direct reads with ``laneStore()``.
    let keys: LaneKeys
    private(set) var processes: [ManagedProcess] = []

    init(redis options: RedisServerOptions = RedisServerOptions()) throws {
        server = try RedisServerProcess(options: options)
        directory = try TemporaryDirectory(prefix: "ticketq-cluster")
        keys = try LaneKeys(namespace: "ticketq")
        _ = try laneStore().createDeployment(origin: .initialized, release: "test")
    }

    deinit {
        for process in processes where process.isRunning { process.kill() }
    }

    /// The path of the outcome store called `name` inside the bench directory.
    func storePath(_ name: String) -> String { directory.file("\(name).db").path }

    // MARK: Tickets

    /// Writes `count` valid tickets (both brands, urgent and non-urgent categories) as JSONL and
    /// returns the file's path and the ticket ids.
    func writeTickets(_ count: Int, prefix: String = "t", file: String = "tickets.jsonl") throws -> (path: String, ids: [String]) {
        let categories = [
            "pandorana": ["general", "complaint", "order_modification"],
            "mejurn": ["general", "order_discrepancy", "return_refund"],
        ]
        var ids: [String] = []
        var text = ""
        for index in 0..<count {
            let id = "\(prefix)-\(index)"
            let brand = index % 2 == 0 ? "pandorana" : "mejurn"
            let category = categories[brand]![(index / 2) % 3]
            text += #"{"id":"\#(id)","brand":"\#(brand)","received_at":"2026-11-27T15:00:00Z","subject":"Help","body":"Where is my order?","category":"\#(category)"}"#
            text += "\n"
            ids.append(id)
        }
        let url = directory.file(file)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (url.path, ids)
    }

    /// Runs `ticketq submit --redis URL --json FILE` and returns its parsed summary.
    func submit(_ path: String) async throws -> (summary: [String: Any], output: ProcessOutput) {
        let output = try await run(["submit", "--redis", server.url, "--json", path])
        let summary = (try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
        return (summary, output)
    }

    // MARK: Processes

    /// Runs a `ticketq` subcommand to completion on a thread outside the concurrency pool, so
    /// tests running in parallel keep polling while it runs.
    func run(_ arguments: [String]) async throws -> ProcessOutput {
        let executable = executable
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ProcessRunner.run(executable, arguments) })
            }
        }
    }

    /// Starts `ticketq worker` in the background against the bench's server.
    ///
    /// - Parameters:
    ///   - id: the `--id`.
    ///   - store: the name of its outcome store (see ``storePath(_:)``).
    ///   - name: the log file name (defaults to the id; give another one for a restart).
    ///   - redis: the URL it connects to (defaults to the server's; give a ``FaultProxy``'s URL
    ///     to put faults between them).
    @discardableResult
    ///   - launcher: a program and its arguments that start the worker command (e.g. `faketime`).
    func startWorker(
        id: String, store: String, handler: String = "simulate:fixed=2ms", concurrency: Int = 32,
        extra: [String] = [], name: String? = nil, redis: String? = nil, launcher: [String] = []
    ) throws -> ManagedProcess {
        var arguments = [
            "worker", "--redis", redis ?? server.url, "--db", storePath(store), "--id", id,
            "--concurrency", String(concurrency), "--handler", handler,
        ] + extra
        var program = executable
        if let first = launcher.first {
            arguments = Array(launcher.dropFirst()) + [executable.path] + arguments
            program = URL(fileURLWithPath: first)
        }
        let process = try ManagedProcess(program, arguments, name: name ?? id, logDirectory: directory.url)
        processes.append(process)
        return process
    }

    /// Starts any `ticketq` subcommand in the background (killed when the bench is released).
    func startProcess(name: String, _ arguments: [String]) throws -> ManagedProcess {
        let process = try ManagedProcess(executable, arguments, name: name, logDirectory: directory.url)
        processes.append(process)
        return process
    }

    /// Starts a worker and waits until it logs that it started (registered, orphans requeued).
    @discardableResult
    func startReadyWorker(
        id: String, store: String, handler: String = "simulate:fixed=2ms", concurrency: Int = 32,
        extra: [String] = [], name: String? = nil, redis: String? = nil, launcher: [String] = []
    ) async throws -> ManagedProcess {
        let worker = try startWorker(
            id: id, store: store, handler: handler, concurrency: concurrency, extra: extra, name: name, redis: redis,
            launcher: launcher
        )
        let ready = try await eventually("\(worker.name) started", timeout: .seconds(20)) {
            guard worker.isRunning else { return true }
            return worker.standardError.contains("worker started")
        }
        #expect(ready && worker.isRunning, "worker \(worker.name) did not start\n\(logs)")
        return worker
    }

    // MARK: Observing

    /// A fresh connection to the lanes (the server may have been restarted since the last one).
    func laneStore() throws -> LaneStore {
        LaneStore(connection: try RedisConnection(url: try RedisURL(server.url)), keys: keys)
    }

    /// The lanes' snapshot, or `nil` while Redis cannot be reached.
    func snapshot() -> LaneSnapshot? {
        try? laneStore().snapshot()
    }

    /// Queued (all lanes, including retry backoff) plus in-flight tickets, or `nil` while Redis
    /// cannot be reached.
    func outstanding() -> Int? {
        snapshot().map { $0.inFlight + $0.lanes.values.map(\.depth).reduce(0, +) }
    }

    /// How many tickets `worker` holds a lease on now, or `nil` while Redis cannot be reached.
    func leasesHeld(by worker: String) -> Int? {
        guard let connection = try? RedisConnection(url: try RedisURL(server.url)),
              let reply = try? connection.command([Array("HVALS".utf8), keys.key(.lease)]),
              let values = reply.array
        else { return nil }
        let holders = values.compactMap { $0.string?.split(separator: "|", omittingEmptySubsequences: false).dropFirst().first }
        return holders.filter { $0 == Substring(worker) }.count
    }

    /// `ticketq status --redis URL --json`, parsed.
    func status() async throws -> [String: Any] {
        let output = try await run(["status", "--redis", server.url, "--json"])
        #expect(output.status == 0, "status failed: \(output.stderr)")
        return (try JSONSerialization.jsonObject(with: Data(output.stdout.utf8))) as? [String: Any] ?? [:]
    }

    /// The sum of `lanes.<lane>.depth` and `in_flight` from `status --json`.
    func statusCounts() async throws -> (depth: Int, inFlight: Int, deadLetter: Int) {
        let object = try await status()
        let lanes = object["lanes"] as? [String: [String: Any]] ?? [:]
        let depth = lanes.values.compactMap { $0["depth"] as? Int }.reduce(0, +)
        return (depth, object["in_flight"] as? Int ?? -1, object["dead_letter"] as? Int ?? -1)
    }

    /// Rows per status in one store (read-only, without creating it); empty while it is missing.
    func countByStatus(_ store: String) -> [String: Int] {
        let path = storePath(store)
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        return (try? OutcomeStore(path: path, mode: .readOnly).countByStatus()) ?? [:]
    }

    /// Every row (superseded ones included) of the named stores, read with `ticketq outcomes --all`.
    func ledger(_ stores: [String]) async throws -> ClusterLedger {
        var rows: [ClusterLedger.Row] = []
        for store in stores {
            let output = try await run(["outcomes", "--db", storePath(store), "--all", "--format", "jsonl"])
            #expect(output.status == 0, "outcomes --db \(store) failed: \(output.stderr)")
            for line in output.stdout.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
                rows.append(ClusterLedger.Row(store: store, object: object))
            }
        }
        return ClusterLedger(rows: rows)
    }

    /// Polls `condition` every 50 ms until it holds or `timeout` passes; returns whether it held.
    func eventually(_ what: String, timeout: Duration, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try condition() { return true }
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    /// The end of every process's log and of the server's, for failure messages.
    var logs: String {
        (processes.map { $0.logTail(lines: 25) } + ["--- redis-server ---\n\(server.logTail)"]).joined(separator: "\n")
    }
}
