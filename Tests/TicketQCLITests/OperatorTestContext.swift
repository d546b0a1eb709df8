import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport

/// A private redis-server, the lanes of one namespace on it, and a way to run the built
/// `ticketq` against them, for the operator command tests.
final class OperatorTestContext {
    let server: RedisServerProcess
    let lanes: LaneStore
    let directory: TemporaryDirectory
    let ticketq = ProcessRunner.product("ticketq")

    init(options: RedisServerOptions = RedisServerOptions(), namespace: String = "ops", partitions: Int = 1) throws {
        server = try RedisServerProcess(options: options)
        directory = try TemporaryDirectory(prefix: "ticketq-ops")
        var url = try RedisURL(server.url)
        url.password = options.password
        lanes = LaneStore(connection: try RedisConnection(url: url), keys: try LaneKeys(namespace: namespace, partitions: partitions))
        _ = try lanes.createDeployment(origin: .initialized, release: "test", partitions: partitions)
    }

    /// Runs `ticketq` with `arguments` followed by the Redis options of this context, in a clean
    /// environment (no `TICKETQ_*` variables from the caller).
    func run(_ arguments: [String], redisArguments: [String]? = nil) throws -> ProcessOutput {
        try ProcessRunner.run(
            ticketq, arguments + (redisArguments ?? ["--redis", server.url, "--namespace", lanes.keys.namespace]),
            environment: Self.cleanEnvironment, currentDirectory: directory.url
        )
    }

    /// The process environment without variables that would change which Redis, store or policies are used.
    static var cleanEnvironment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TICKETQ_") }
    }

    /// Milliseconds since the epoch now.
    static var nowMillis: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// Submits tickets with the given ids to a lane, due in `dueIn` milliseconds (an hour by default).
    func submit(_ ids: [String], lane: Lane = .standard, dueIn: Int64 = 3_600_000, payload: (String) -> [UInt8] = { Array("{\"id\":\"\($0)\"}".utf8) }) throws {
        let now = Self.nowMillis
        let entries = ids.map { LaneEntry(id: $0, lane: lane, dueMillis: now + dueIn, promoteAtMillis: nil, enqueuedMillis: now, contentDigest: "", payload: payload($0)) }
        _ = try lanes.submit(entries)
    }

    /// Claims every queued ticket and dead-letters it with an info object.
    func claimAndDeadLetter(reason: String = "too many deliveries", lastError: String = "handler failed") throws -> [ClaimedTicket] {
        let claimed = try lanes.claim(worker: "test-worker", batchSize: 1000).tickets
        let info = "{\"reason\":\(JSONObjectWriter.quote(reason)),\"attempts\":5,\"last_error\":\(JSONObjectWriter.quote(lastError)),\"worker\":\"test-worker\"}"
        _ = try lanes.deadLetter(claimed.map { ($0.lease, info) })
        return claimed
    }

    /// Parses one JSON object.
    static func object(_ text: some StringProtocol) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw DecodingFailure(text: String(text))
        }
        return object
    }

    /// Text that was expected to be a JSON object and is not.
    struct DecodingFailure: Error, CustomStringConvertible {
        let text: String
        var description: String { "not a JSON object: \(text)" }
    }

    deinit {
        server.stop()
    }
}
