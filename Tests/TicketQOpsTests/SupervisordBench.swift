import Foundation
import TicketQTestSupport
import Testing

/// A real supervisord running the shipped `ops/supervisor/ticketq.conf` against a Redis server
/// loaded with the shipped `ops/redis/users.acl`; only paths, ports, secrets and the system user
/// are substituted. The workers connect as the program says (the `worker` user); the bench's own
/// commands run as `operator` unless a test names another user.
final class SupervisordBench {
    let ops: OpsTestBench
    let basePort: Int
    let state: URL
    private let logs: URL
    private let includes: URL
    private let main: URL
    private let supervisorctl: String
    private let passwordFile: URL
    private var daemon: ManagedProcess?
    private let scratch: TemporaryDirectory

    /// Starts Redis (with an append-only file when `appendOnly`), initialises the deployment and
    /// starts supervisord with `numprocs` workers.
    init(numprocs: Int, maxWorkers: Int = 4, appendOnly: Bool = false) async throws {
        let supervisord = try RequiredTool.path("supervisord", package: "supervisor")
        supervisorctl = try RequiredTool.path("supervisorctl", package: "supervisor")
        scratch = try TemporaryDirectory(prefix: "acl")
        let aclFile = try ShippedACL.write(in: scratch)
        ops = try OpsTestBench(redis: RedisServerOptions(appendOnly: appendOnly, extraConfiguration: ["aclfile \"\(aclFile.path)\""]))
        passwordFile = try #require(ops.environment(as: .worker)["TICKETQ_REDIS_PASSWORD_FILE"].map(URL.init(fileURLWithPath:)))
        try ops.connect(as: .operator)
        try await ops.initializeDeployment(as: .admin)
        basePort = try ConsecutivePorts.allocate(count: maxWorkers)
        state = ops.directory.file("state")
        logs = ops.directory.file("logs")
        includes = ops.directory.file("conf.d")
        for folder in [state, logs, includes] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        main = ops.directory.file("supervisord.conf")
        let socket = ops.directory.file("supervisor.sock").path
        try """
            [unix_http_server]
            file=\(socket)
            [supervisord]
            nodaemon=true
            logfile=\(ops.directory.file("supervisord.log").path)
            pidfile=\(ops.directory.file("supervisord.pid").path)
            childlogdir=\(logs.path)
            [rpcinterface:supervisor]
            supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
            [supervisorctl]
            serverurl=unix://\(socket)
            [include]
            files = \(includes.path)/*.conf

            """.write(to: main, atomically: true, encoding: .utf8)
        try writeProgram(numprocs: numprocs)
        // Workers get their Redis URL and password file from the program alone, not from here.
        var environment = ops.environment
        environment["TICKETQ_REDIS_URL"] = nil
        environment["TICKETQ_REDIS_PASSWORD_FILE"] = nil
        daemon = try ManagedProcess(
            URL(fileURLWithPath: supervisord), ["-c", main.path], name: "supervisord", logDirectory: ops.directory.url, environment: environment
        )
    }

    deinit {
        if let daemon, daemon.isRunning { daemon.kill() }
    }

    /// Writes the shipped program with `numprocs` workers (then `supervisorctl reread` and `update`).
    func writeProgram(numprocs: Int) throws {
        let shipped = try OpsFiles.text(OpsFiles.supervisorConfig)
        #expect(shipped.contains("redis://worker@127.0.0.1:6379/0"), "the shipped URL must name the ACL user of workers")
        #expect(shipped.contains("\nuser=ticketq\n"))
        // The tests do not run as the `ticketq` system user; supervisord accepts `user=` naming the
        // user it runs as (root or not), so the line stays and only the name changes.
        let currentUser = String(cString: try #require(getpwuid(getuid())).pointee.pw_name)
        try shipped
            .replacingOccurrences(of: "/usr/local/bin/ticketq", with: ops.executable.path)
            .replacingOccurrences(of: "/var/lib/ticketq", with: state.path)
            .replacingOccurrences(of: "/var/log/ticketq", with: logs.path)
            .replacingOccurrences(of: "@127.0.0.1:6379/0", with: "@127.0.0.1:\(ops.server.port)/0")
            .replacingOccurrences(of: "/etc/ticketq/redis-password", with: passwordFile.path)
            .replacingOccurrences(of: "numprocs_start=9464", with: "numprocs_start=\(basePort)")
            .replacingOccurrences(of: "numprocs=4", with: "numprocs=\(numprocs)")
            .replacingOccurrences(of: "\nuser=ticketq\n", with: "\nuser=\(currentUser)\n")
            .write(to: includes.appendingPathComponent("ticketq.conf"), atomically: true, encoding: .utf8)
    }

    /// Runs `supervisorctl ARGUMENTS`.
    func ctl(_ arguments: [String]) async throws -> ProcessOutput {
        try await ProcessRunner.runOffPool(URL(fileURLWithPath: supervisorctl), ["-c", main.path] + arguments)
    }

    /// The RUNNING programs and their pids.
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

    /// supervisord's own log so far.
    var log: String { (try? String(contentsOf: ops.directory.file("supervisord.log"), encoding: .utf8)) ?? "" }

    /// The outcome store of each worker slot.
    func stores(_ count: Int) -> [String] {
        (0..<count).map { state.appendingPathComponent("worker-\(basePort + $0).db").path }
    }

    /// Stops supervisord (and with it every worker).
    func stop() async {
        daemon?.terminate()
        _ = await daemon?.waitForExit(timeout: .seconds(30))
    }
}
