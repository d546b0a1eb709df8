import Foundation
import Synchronization

/// A real `redis-server` started for one test, on a free loopback port in its own temporary directory.
///
/// The server is stopped (SIGTERM, then SIGKILL) when the value is released; tests can also ``stop()`` it,
/// crash it with ``kill()`` and bring it back on the same port and directory with ``restart()``.
///
/// ```swift
/// let server = try RedisServerProcess(options: RedisServerOptions(appendOnly: true))
/// let url = server.url                  // "redis://127.0.0.1:<port>/0"
/// ```
///
/// A missing `redis-server` throws ``RedisServerProcessError/executableNotFound(searched:)``, which fails the
/// test: tests never skip themselves.
public final class RedisServerProcess: Sendable {
    /// The loopback address the server binds.
    public let host = "127.0.0.1"
    /// The TCP port the server listens on.
    public let port: Int
    /// The options the server was started with.
    public let options: RedisServerOptions
    /// The directory holding the configuration, log, append-only file and socket.
    public let directory: TemporaryDirectory
    /// The unix socket path, when ``RedisServerOptions/unixSocket`` is set.
    public let unixSocketPath: String?

    private let executable: String
    private let process = Mutex<Process?>(nil)

    /// Starts a server and waits until it answers `PING`.
    /// - Throws: ``RedisServerProcessError`` when `redis-server` is missing or does not start.
    public init(options: RedisServerOptions = RedisServerOptions()) throws {
        self.options = options
        self.executable = try Self.findExecutable()
        self.directory = try TemporaryDirectory(prefix: "ticketq-redis")
        self.unixSocketPath = options.unixSocket ? directory.file("redis.sock").path : nil

        var lastError: (any Error)?
        for _ in 0..<8 {
            let candidate = try FreePort.allocate()
            do {
                try Self.writeConfiguration(options, port: candidate, directory: directory, socket: unixSocketPath)
                let started = try Self.launch(executable, directory: directory, port: candidate)
                self.port = candidate
                process.withLock { $0 = started }
                return
            } catch let error as RedisServerProcessError {
                // Another process may have taken the port between allocation and bind: try another one.
                guard case .didNotStart(_, _, let log) = error, log.contains("Address already in use") else { throw error }
                lastError = error
            }
        }
        throw lastError!
    }

    deinit {
        stop()
    }

    /// `redis://127.0.0.1:<port>/0`, without credentials.
    public var url: String { "redis://\(host):\(port)/0" }

    /// `unix://<socket>?db=0`, when the server listens on a unix socket.
    public var unixSocketURL: String? { unixSocketPath.map { "unix://\($0)?db=0" } }

    /// The server's process id while it runs, else `nil`.
    public var pid: Int32? {
        process.withLock { process in
            guard let process, process.isRunning else { return nil }
            return process.processIdentifier
        }
    }

    /// The last lines of the server's log, for failure messages.
    public var logTail: String { Self.logTail(directory) }

    /// Stops the server gracefully (SIGTERM), escalating to SIGKILL after 10 seconds, and waits for it to exit.
    public func stop() {
        process.withLock { process in
            guard let running = process else { return }
            process = nil
            Self.terminate(running, signal: SIGTERM, grace: .seconds(10))
        }
    }

    /// Kills the server with SIGKILL, as a crash would, and waits for it to exit.
    public func kill() {
        process.withLock { process in
            guard let running = process else { return }
            process = nil
            Self.terminate(running, signal: SIGKILL, grace: .zero)
        }
    }

    /// Starts the server again on the same port and directory (after ``kill()`` or ``stop()``), so an
    /// append-only file is replayed, and waits until it answers `PING`.
    public func restart() throws {
        stop()
        var attempts = 0
        while true {
            attempts += 1
            do {
                let started = try Self.launch(executable, directory: directory, port: port)
                process.withLock { $0 = started }
                return
            } catch let error as RedisServerProcessError {
                // The old listening socket can linger briefly after a kill; the port is ours, so wait for it.
                guard case .didNotStart(_, _, let log) = error, log.contains("Address already in use"), attempts < 50 else {
                    throw error
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    // MARK: - Private

    private static func findExecutable() throws -> String {
        let pathEntries = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        let candidates = (pathEntries + ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin"]).map { "\($0)/redis-server" }
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw RedisServerProcessError.executableNotFound(searched: candidates)
    }

    private static func writeConfiguration(_ options: RedisServerOptions, port: Int, directory: TemporaryDirectory, socket: String?) throws {
        if let shipped = options.shippedConfiguration {
            var lines = [
                "include \(quoted(shipped))",
                "port \(port)",
                "bind 127.0.0.1",
                "dir \(quoted(directory.path))",
                "pidfile \(quoted(directory.file("redis.pid").path))",
                "logfile \(quoted(directory.file("redis.log").path))",
            ]
            if let aclFile = options.aclFile { lines.append("aclfile \(quoted(aclFile))") }
            try (lines.joined(separator: "\n") + "\n").write(to: directory.file("redis.conf"), atomically: true, encoding: .utf8)
            return
        }
        var lines = [
            "port \(port)",
            "bind 127.0.0.1",
            "dir \(quoted(directory.path))",
            "logfile \(quoted(directory.file("redis.log").path))",
            "save \"\"",
            "daemonize no",
            "appendonly \(options.appendOnly ? "yes" : "no")",
        ]
        if options.appendOnly { lines.append("appendfsync always") }
        if let password = options.password { lines.append("requirepass \(quoted(password))") }
        for user in options.users {
            lines.append((["user", quoted(user.name), "on", quoted(">" + user.password)] + user.rules.map(quoted)).joined(separator: " "))
        }
        if let maxMemory = options.maxMemory {
            lines.append("maxmemory \(maxMemory)")
            lines.append("maxmemory-policy \(options.maxMemoryPolicy)")
        }
        if let socket {
            lines.append("unixsocket \(quoted(socket))")
            lines.append("unixsocketperm 700")
        }
        lines += options.extraConfiguration
        try (lines.joined(separator: "\n") + "\n").write(to: directory.file("redis.conf"), atomically: true, encoding: .utf8)
    }

    /// A double-quoted configuration value, so spaces and quotes in passwords survive.
    private static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private static func launch(_ executable: String, directory: TemporaryDirectory, port: Int) throws -> Process {
        let outputURL = directory.file("redis.out")
        if !FileManager.default.fileExists(atPath: outputURL.path) {
            _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        }
        let logStart = logSizes(directory)
        let output = try FileHandle(forWritingTo: outputURL)
        defer { try? output.close() }
        try output.seekToEnd()

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [directory.file("redis.conf").path]
        process.currentDirectoryURL = directory.url
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try ManagedProcess.runWithSignalsUnblocked(process)

        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw RedisServerProcessError.didNotStart(
                    port: port, reason: "it exited with status \(process.terminationStatus)", log: logTail(directory, since: logStart))
            }
            if let line = RedisPingProbe.firstReplyLine(port: port), line.hasPrefix("+PONG") || line.hasPrefix("-NOAUTH") {
                return process
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
        terminate(process, signal: SIGKILL, grace: .zero)
        throw RedisServerProcessError.didNotStart(port: port, reason: "no answer to PING within 20 seconds", log: logTail(directory, since: logStart))
    }

    private static func terminate(_ process: Process, signal: Int32, grace: Duration) {
        guard process.isRunning else { return }
        let pid = process.processIdentifier
        Foundation.kill(pid, signal)
        let deadline = ContinuousClock.now + grace
        while process.isRunning && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.01)
        }
        if process.isRunning { Foundation.kill(pid, SIGKILL) }
        process.waitUntilExit()
    }

    private static let logFiles = ["redis.out", "redis.log"]

    /// The current size of each log file, so a failed start reports only what that start wrote.
    private static func logSizes(_ directory: TemporaryDirectory) -> [Int] {
        logFiles.map { (try? Data(contentsOf: directory.file($0)).count) ?? 0 }
    }

    private static func logTail(_ directory: TemporaryDirectory, since offsets: [Int]? = nil) -> String {
        let text = logFiles.enumerated().compactMap { index, name -> String? in
            guard let data = try? Data(contentsOf: directory.file(name)) else { return nil }
            return String(decoding: data.dropFirst(offsets?[index] ?? 0), as: UTF8.self)
        }.joined()
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(20).joined(separator: "\n")
    }
}
