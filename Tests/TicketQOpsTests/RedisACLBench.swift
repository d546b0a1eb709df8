import Foundation
import TicketQTestSupport
import Testing

/// A redis-server loaded with the shipped `ops/redis/users.acl` (passwords filled in) and a
/// deployment initialised by `admin`; `ticketq` runs as `operator` unless a test names another
/// user, and `redis-cli` sends the raw commands ticketq never sends, as any user.
final class RedisACLBench {
    let ops: OpsTestBench
    private let scratch: TemporaryDirectory
    private let redisCLI: URL
    private var processes: [ManagedProcess] = []

    init(partitions: Int = 1) async throws {
        redisCLI = URL(fileURLWithPath: try RequiredTool.path("redis-cli", package: "redis-tools"))
        scratch = try TemporaryDirectory(prefix: "acl")
        let aclFile = try ShippedACL.write(in: scratch)
        ops = try OpsTestBench(redis: RedisServerOptions(extraConfiguration: ["aclfile \"\(aclFile.path)\""]))
        try ops.connect(as: .operator)
        try await ops.initializeDeployment(as: .admin, partitions: partitions)
    }

    deinit {
        for process in processes where process.isRunning { process.kill() }
    }

    /// The keys of the default namespace, `{ticketq}:NAME`.
    static func key(_ name: String) -> String { "{ticketq}:\(name)" }

    /// Sends one command with redis-cli as `role` and returns its reply as text.
    func send(_ role: ShippedRole, _ command: [String]) async throws -> String {
        var environment = ProcessInfo.processInfo.environment
        environment["REDISCLI_AUTH"] = role.password
        let output = try await ProcessRunner.runOffPool(
            redisCLI, ["-h", "127.0.0.1", "-p", String(ops.server.port), "--user", role.rawValue] + command, environment: environment
        )
        return (output.stdout + output.stderr).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Expects Redis to refuse `command` to `role` for want of permission: `NOPERM` for the
    /// command or its keys, or the error a library function gets for a command inside it.
    func expectRefused(_ role: ShippedRole, _ command: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let reply = try await send(role, command)
        let refused = reply.contains("NOPERM") || reply.contains("The user executing the script can't")
        #expect(refused, "\(role.rawValue) may run \(command.prefix(3).joined(separator: " ")) …: \(reply.prefix(300))", sourceLocation: sourceLocation)
    }

    /// Starts a long-running `ticketq ARGUMENTS` as `role`.
    func start(_ name: String, _ arguments: [String], as role: ShippedRole) throws -> ManagedProcess {
        let process = try ManagedProcess(
            ops.executable, arguments, name: name, logDirectory: ops.directory.url, environment: try ops.environment(as: role)
        )
        processes.append(process)
        return process
    }

    /// Stops `worker` gracefully and expects it to exit 0, never refused a command on the way,
    /// with an accepted outcome for every one of `ids` in its store.
    func expectCleanStop(
        of worker: ManagedProcess, settling ids: [String], in store: String, sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())", sourceLocation: sourceLocation)
        let log = worker.standardOutput + worker.standardError
        #expect(
            !log.contains("NOPERM") && !log.contains("can't"), "the worker was refused a command:\n\(worker.logTail())", sourceLocation: sourceLocation
        )
        let ledger = try await ops.ledger([store])
        let settled = Set(ledger.rows.filter(\.isAccepted).map(\.ticketID))
        #expect(
            settled.isSuperset(of: ids), "tickets without an accepted outcome: \(Set(ids).subtracting(settled).prefix(5))",
            sourceLocation: sourceLocation
        )
    }

    /// How many fields the hash `name` holds, read as `admin`.
    func hashLength(_ name: String) async throws -> Int? {
        Int(try await send(.admin, ["HLEN", Self.key(name)]))
    }

    /// How many members the sorted set `name` holds, read as `admin`.
    func setSize(_ name: String) async throws -> Int? {
        Int(try await send(.admin, ["ZCARD", Self.key(name)]))
    }

    /// An email that intake quarantines: no recipient is a support address of any brand.
    func strayEmail() throws -> URL {
        let mail = ops.directory.file("stray.eml")
        try "From: bob@example.com\nTo: someone@unknown.example\nSubject: lost\nMessage-ID: <stray-1@example.com>\n\nWhere is my order?\n"
            .write(to: mail, atomically: true, encoding: .utf8)
        return mail
    }

    /// A policy directory like the shipped one, in which `someone@unknown.example` is a support
    /// address of pandorana, so that a retry of the stray email becomes a ticket.
    func policiesAcceptingTheStrayEmail() throws -> URL {
        let policies = ops.directory.file("policies")
        let config = OpsFiles.repository.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: policies.appendingPathComponent("brands"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: config.appendingPathComponent("calendars"), to: policies.appendingPathComponent("calendars"))
        for brand in ["pandorana", "mejurn"] {
            var text = try String(contentsOf: config.appendingPathComponent("brands/\(brand).yaml"), encoding: .utf8)
            if brand == "pandorana" {
                text = text.replacingOccurrences(
                    of: "support_addresses: [support@pandorana.example]", with: "support_addresses: [support@pandorana.example, someone@unknown.example]"
                )
            }
            try text.write(to: policies.appendingPathComponent("brands/\(brand).yaml"), atomically: true, encoding: .utf8)
        }
        return policies
    }
}

extension RedisACLBench {
    /// `FCALL` (or `FCALL_RO`) of the library function `name` with its keys (names under the
    /// namespace) and arguments; the function's version comes from the loaded library.
    func call(_ name: String, keys: [String], _ arguments: [String] = [], readOnly: Bool = false) async throws -> [String] {
        let version = try await send(.admin, ["FCALL_RO", "ticketq_version", "0"])
        #expect(Int(version) != nil, "no library version: \(version)")
        return [readOnly ? "FCALL_RO" : "FCALL", "ticketq_v\(version)_\(name)", String(keys.count)] + keys.map(Self.key) + arguments
    }

    /// The keys a lane function declares, by function, for the calls the tests make: the
    /// declarations of the library with suspects and retention (a function of an earlier library
    /// takes the keys past its own as extra keys and ignores them).
    static let declaredKeys: [String: [String]] = [
        "submit": ["deployment", "seen", "seen:order", "seen:marks", "seen:pushed", "ticket", "lane:same_business_day", "lane:extended", "lane:standard", "promotions", "wake", "wake:urgent"],
        "claim": ["deployment", "retry", "ticket", "lane:same_business_day", "lane:extended", "lane:standard", "credit", "fence", "inflight", "lease", "attempts", "wake", "wake:urgent", "suspect", "crashes"],
        "acknowledge": ["deployment", "lease", "inflight", "ticket", "attempts", "crashes"],
        "renew": ["deployment", "lease", "inflight"],
        "requeue_dead": ["deployment", "dead", "deadinfo", "ticket", "attempts", "lane:same_business_day", "lane:extended", "lane:standard", "wake", "wake:urgent", "crashes", "dead:bytes"],
        "purge_dead": ["deployment", "dead", "deadinfo", "ticket", "attempts", "crashes", "dead:bytes"],
        "quarantine": ["deployment", "quarantine", "quarantine:raw", "quarantine:at", "quarantine:bytes", "retention", "evictions"],
        "release_quarantined": ["quarantine", "quarantine:raw", "quarantine:at", "quarantine:bytes"],
        "record_high_volume": ["deployment", "highvolume"],
        "status": ["deployment", "retry", "ticket", "inflight", "dead", "seen", "lane:same_business_day", "lane:extended", "lane:standard", "suspect"],
        "register_worker": ["alive:intruder", "workers"],
        "lead_collector": ["collector"],
        "promote": ["deployment", "promotions", "ticket", "lane:same_business_day", "lane:extended", "lane:standard", "wake", "wake:urgent"],
        "restore_dedupe": ["deployment", "seen", "seen:order", "seen:marks", "seen:pushed"],
    ]

    /// `FCALL` of `name` with its declared keys.
    func call(_ name: String, _ arguments: [String] = [], readOnly: Bool = false) async throws -> [String] {
        try await call(name, keys: try #require(Self.declaredKeys[name], "no keys listed for \(name)"), arguments, readOnly: readOnly)
    }

    /// Commands no runtime user may run: they flush, reconfigure, evaluate code, load or delete
    /// functions, switch databases or list every key.
    static let administration: [[String]] = [
        ["FLUSHALL"], ["FLUSHDB"], ["CONFIG", "GET", "*"], ["CONFIG", "SET", "appendonly", "no"], ["EVAL", "return 1", "0"],
        ["EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"], ["SCRIPT", "LOAD", "return 1"],
        ["FUNCTION", "LOAD", "REPLACE", "#!lua name=ticketq\nredis.register_function('x', function() return 1 end)"],
        ["FUNCTION", "DELETE", "ticketq"], ["FUNCTION", "FLUSH"], ["SELECT", "1"], ["KEYS", "*"], ["SCAN", "0"],
        ["ACL", "SETUSER", "intake", "+@all"], ["CLIENT", "LIST"], ["BGREWRITEAOF"], ["SHUTDOWN", "NOSAVE"], ["PUBLISH", "news", "x"],
    ]
}
