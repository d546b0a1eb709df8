import Foundation

/// A private `redis-server` in a temporary directory on a free loopback port, for the demo and
/// local clusters. Stopped (and its directory removed) by ``stop()``.
public final class EmbeddedRedisServer {
    /// The loopback port it listens on.
    public let port: Int
    /// Its temporary working directory (log, data).
    public let directory: URL
    private let process: Process

    /// The server's process id.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Its URL, `redis://127.0.0.1:PORT/0`.
    public var url: String { "redis://127.0.0.1:\(port)/0" }

    /// Starts the server and waits until it accepts connections.
    ///
    /// - Throws: a clear error when `redis-server` is not installed or does not come up.
    public init(appendOnly: Bool = false) throws {
        guard let executable = Self.findExecutable() else {
            throw EmbeddedProcessError("redis-server was not found (install the Debian package redis-server)")
        }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketq-redis-\(getpid())-\(UUID().uuidString.prefix(6))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = try FreeLoopbackPort.allocate()
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = [
            "--port", String(port), "--bind", "127.0.0.1", "--dir", directory.path, "--save", "",
            "--appendonly", appendOnly ? "yes" : "no", "--maxmemory-policy", "noeviction",
            "--logfile", directory.appendingPathComponent("redis.log").path,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            if !process.isRunning { break }
            if FreeLoopbackPort.accepts(port) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        stop()
        throw EmbeddedProcessError("redis-server did not start on port \(port) (see its log in \(directory.path))")
    }

    /// Stops the server (SIGTERM, then SIGKILL) and removes its directory.
    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
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
