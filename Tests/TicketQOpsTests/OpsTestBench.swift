import Foundation
import TicketQTestSupport
import Testing

/// A private redis-server and a temporary directory for running `ticketq` the way an operator's
/// process manager does: tickets, status, and the outcome stores' ledger.
final class OpsTestBench {
    let server: RedisServerProcess
    let directory: TemporaryDirectory
    let executable = ProcessRunner.product("ticketq")
    /// Environment for every `ticketq` this bench runs (Redis URL, password file).
    var environment: [String: String]

    init(redis options: RedisServerOptions = RedisServerOptions(), redisURL: ((RedisServerProcess) -> String)? = nil) throws {
        server = try RedisServerProcess(options: options)
        directory = try TemporaryDirectory(prefix: "ticketq-ops")
        environment = ProcessInfo.processInfo.environment
        environment["TICKETQ_REDIS_URL"] = redisURL?(server) ?? server.url
    }

    /// Runs `ticketq deployment init` as an operator does once: with the bench's environment, or
    /// as `role` of the shipped ACL.
    func initializeDeployment(as role: ShippedRole? = nil, partitions: Int = 1) async throws {
        let output = try await run(
            ["deployment", "init"] + (partitions == 1 ? [] : ["--partitions", String(partitions)]), environment: role.map { try environment(as: $0) }
        )
        #expect(output.status == 0, "deployment init: \(output.stderr)")
    }

    /// Writes `count` tickets for both brands as JSONL; returns the file and the ids.
    func writeTickets(_ count: Int, prefix: String) throws -> (path: String, ids: [String]) {
        var text = ""
        var ids: [String] = []
        for index in 0..<count {
            let id = "\(prefix)-\(index)"
            let brand = index % 2 == 0 ? "pandorana" : "mejurn"
            text += #"{"id":"\#(id)","brand":"\#(brand)","received_at":"2026-11-27T15:00:00Z","subject":"Help","body":"Where is my order?","category":"general"}"#
            text += "\n"
            ids.append(id)
        }
        let url = directory.file("\(prefix).jsonl")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (url.path, ids)
    }

    /// Runs `ticketq ARGUMENTS` to completion off the cooperative pool, with the bench's
    /// environment unless another is given.
    func run(_ arguments: [String], environment: [String: String]? = nil) async throws -> ProcessOutput {
        let (executable, environment) = (self.executable, environment ?? self.environment)
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result { try ProcessRunner.run(executable, arguments, environment: environment) })
            }
        }
    }

    /// Queued plus in-flight tickets from `status --json`, or nil when status fails.
    func outstanding() async -> Int? {
        guard let output = try? await run(["status", "--json"]), output.status == 0,
              let object = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
        else { return nil }
        let lanes = object["lanes"] as? [String: [String: Any]] ?? [:]
        return lanes.values.compactMap { $0["depth"] as? Int }.reduce(0, +) + (object["in_flight"] as? Int ?? 0)
    }

    /// Every row of the outcome stores at `paths` (superseded ones included).
    func ledger(_ paths: [String]) async throws -> ClusterLedger {
        var rows: [ClusterLedger.Row] = []
        for path in paths where FileManager.default.fileExists(atPath: path) {
            let output = try await run(["outcomes", "--db", path, "--all", "--format", "jsonl"])
            #expect(output.status == 0, "outcomes --db \(path): \(output.stderr)")
            for line in output.stdout.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
                rows.append(ClusterLedger.Row(store: path, object: object))
            }
        }
        return ClusterLedger(rows: rows)
    }

    /// Polls `condition` every 100 ms until it holds or `timeout` passes.
    func eventually(timeout: Duration, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            if try await condition() { return true }
            guard ContinuousClock.now < deadline else { return false }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
