import Foundation
import TicketQTestSupport
import Testing

/// A redis-server run from the shipped `ops/redis/redis.conf` and `users.acl` (passwords filled
/// in; optionally another `default` user line), each `ticketq` connecting as the shipped user of
/// its role: commands as `operator` unless a test names another user, workers as `worker`,
/// started the way the shipped process configs start them.
final class ShippedRedisBench {
    let ops: OpsTestBench
    private let scratch: TemporaryDirectory
    private(set) var stores: [String] = []
    private var workers: [ManagedProcess] = []

    /// - Parameter defaultUserLine: replaces the shipped `user default …` line (to show what an
    ///   older line does); nil runs the file as shipped.
    init(defaultUserLine: String? = nil) throws {
        scratch = try TemporaryDirectory(prefix: "shipped-redis")
        let aclFile = try ShippedACL.write(in: scratch, defaultUserLine: defaultUserLine)
        ops = try OpsTestBench(redis: .shipped(configuration: OpsFiles.redisConfig.path, aclFile: aclFile.path))
        try ops.connect(as: .operator)
    }

    deinit {
        for worker in workers where worker.isRunning { worker.kill() }
    }

    /// Redis's log so far.
    var redisLog: String {
        (try? String(contentsOf: ops.server.directory.file("redis.log"), encoding: .utf8)) ?? ""
    }

    /// Starts `ticketq worker` with its own store named `id`.
    func startWorker(_ id: String, handler: String, metricsPort: Int = 0, extra: [String] = []) throws -> ManagedProcess {
        let store = ops.directory.file("\(id).db").path
        if !stores.contains(store) { stores.append(store) }
        let worker = try ManagedProcess(
            ops.executable,
            ["worker", "--db", store, "--id", id, "--metrics-addr", "127.0.0.1:\(metricsPort)", "--handler", handler] + extra,
            name: id, logDirectory: ops.directory.url, environment: try ops.environment(as: .worker)
        )
        workers.append(worker)
        return worker
    }

    /// What a restart must keep, read with `ticketq` as the shipped `operator` user; nil when it cannot be read.
    func state() async -> DeploymentState? {
        guard let status = try? await ops.run(["status", "--json"]), status.status == 0,
              let object = try? JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any],
              let dead = try? await ops.run(["dlq", "list", "--json"]), dead.status == 0,
              let quarantine = try? await ops.run(["quarantine", "list", "--json"]), quarantine.status == 0,
              let marker = try? await ops.run(["deployment", "show"]), marker.status == 0
        else { return nil }
        let lanes = object["lanes"] as? [String: [String: Any]] ?? [:]
        return DeploymentState(
            depth: lanes.values.compactMap { $0["depth"] as? Int }.reduce(0, +),
            inFlight: object["in_flight"] as? Int ?? -1,
            deadLetters: object["dead_letter"] as? Int ?? -1,
            dedupe: (object["dedupe"] as? [String: Any])?["entries"] as? Int ?? -1,
            quarantined: quarantine.stdout.split(separator: "\n").count,
            deadLetterListing: dead.stdout,
            quarantineListing: quarantine.stdout,
            marker: marker.stdout
        )
    }
}
