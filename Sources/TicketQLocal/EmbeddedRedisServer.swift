import Foundation
import Synchronization

/// A private `redis-server` in a temporary directory on a free loopback port, for the demo and
/// local clusters. Stopped (and its directory removed) by ``stop()``.
///
/// With `appendOnly` the server keeps an append-only file fsynced on every write
/// (`appendfsync always`), so that a server killed with SIGKILL and started again by
/// ``restart()`` comes back with every ticket it accepted.
public final class EmbeddedRedisServer: Sendable {
    /// The loopback port it listens on.
    public let port: Int
    /// Its temporary working directory (log, data).
    public let directory: URL
    private let executable: String
    private let appendOnly: Bool
    private let process: Mutex<Process?>

    /// The server's process id (0 while it is down).
    public var processIdentifier: Int32 { process.withLock { $0?.processIdentifier ?? 0 } }

    /// Its URL, `redis://127.0.0.1:PORT/0`.
    public var url: String { "redis://127.0.0.1:\(port)/0" }

    /// Starts the server and waits until it accepts connections.
    ///
    /// - Throws: a clear error when `redis-server` is not installed or does not come up.
    public init(appendOnly: Bool = false) throws {
        guard let executable = Self.findExecutable() else {
            throw EmbeddedProcessError("redis-server was not found (install the Debian package redis-server)")
        }
        self.executable = executable
        self.appendOnly = appendOnly
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketq-redis-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try FreeLoopbackPort.allocate()
        process = Mutex(nil)
        do {
            let started = try Self.launch(executable: executable, port: port, directory: directory, appendOnly: appendOnly)
            process.withLock { $0 = started }
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
    }

    /// Whether the server process runs (a stopped one with SIGSTOP counts as running).
    public var isRunning: Bool { process.withLock { $0?.isRunning ?? false } }

    /// Stops the server (SIGTERM, then SIGKILL) and removes its directory.
    public func stop() {
        process.withLock { process in
            if let running = process { Self.terminate(running, signal: SIGTERM, grace: 5) }
            process = nil
        }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Kills the server with SIGKILL, as a crash would, and waits for it to exit; its directory
    /// (and append-only file) stays for ``restart()``.
    public func kill() {
        process.withLock { process in
            if let running = process { Self.terminate(running, signal: SIGKILL, grace: 0) }
            process = nil
        }
    }

    /// Sends `signal` to the running server (e.g. SIGSTOP and SIGCONT for a stall).
    public func signal(_ signal: Int32) {
        process.withLock { process in
            if let running = process, running.isRunning { _ = Foundation.kill(running.processIdentifier, signal) }
        }
    }

    /// Starts the server again on the same port and directory after ``kill()``, so that the
    /// append-only file is replayed, and waits until it accepts connections.
    ///
    /// - Throws: ``EmbeddedProcessError`` when it does not come back within ten seconds.
    public func restart() throws {
        kill()
        var attempts = 0
        while true {
            attempts += 1
            do {
                let started = try Self.launch(executable: executable, port: port, directory: directory, appendOnly: appendOnly)
                process.withLock { $0 = started }
                return
            } catch {
                // The killed server's listening socket can linger for a moment; the port is ours.
                guard attempts < 50 else { throw error }
                Thread.sleep(forTimeInterval: 0.1)
            }
        }
    }

    private static func launch(executable: String, port: Int, directory: URL, appendOnly: Bool) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        var arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--dir", directory.path, "--save", "",
            "--appendonly", appendOnly ? "yes" : "no", "--maxmemory-policy", "noeviction",
            "--logfile", directory.appendingPathComponent("redis.log").path,
        ]
        if appendOnly { arguments += ["--appendfsync", "always"] }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if !process.isRunning { break }
            if FreeLoopbackPort.accepts(port) { return process }
            Thread.sleep(forTimeInterval: 0.05)
        }
        terminate(process, signal: SIGKILL, grace: 0)
        throw EmbeddedProcessError("redis-server did not start on port \(port) (see its log in \(directory.path))")
    }

    private static func terminate(_ process: Process, signal: Int32, grace: TimeInterval) {
        if process.isRunning {
            _ = Foundation.kill(process.processIdentifier, SIGCONT)
            _ = Foundation.kill(process.processIdentifier, signal)
            let deadline = Date().addingTimeInterval(grace)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { _ = Foundation.kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }

    private static func findExecutable() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") + ["/usr/bin", "/usr/sbin"] {
            let candidate = "\(directory)/redis-server"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
