import Foundation

/// A child process (a worker of a local cluster), logging to a file.
public final class ChildProcess: @unchecked Sendable {
    /// The process.
    public let process = Process()
    /// Where its standard output and error go.
    public let logPath: String
    /// The executable it runs.
    public let executable: URL
    /// Its arguments.
    public let arguments: [String]

    /// Starts `executable` with `arguments`, appending its output to `logPath`.
    public init(executable: URL, arguments: [String], logPath: String) throws {
        self.logPath = logPath
        self.executable = executable
        self.arguments = arguments
        process.executableURL = executable
        process.arguments = arguments
        if !FileManager.default.fileExists(atPath: logPath) {
            _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        log.seekToEndOfFile()
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Starts this very executable with `arguments`.
    public convenience init(selfArguments arguments: [String], logPath: String) throws {
        try self.init(executable: Self.ownExecutable, arguments: arguments, logPath: logPath)
    }

    /// The running executable, never one found on PATH.
    public static var ownExecutable: URL {
        let proc = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        if FileManager.default.isExecutableFile(atPath: proc.path), proc.path != "/proc/self/exe" { return proc }
        return Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
    }

    /// Whether the process still runs.
    public var isRunning: Bool { process.isRunning }

    /// The process id.
    public var processIdentifier: Int32 { process.processIdentifier }

    /// Sends `signal` (e.g. SIGSTOP and SIGCONT) while the process runs.
    public func signal(_ signal: Int32) {
        if process.isRunning { Foundation.kill(process.processIdentifier, signal) }
    }

    /// SIGKILL, as a crash would; waits for the process to end.
    public func kill() {
        if process.isRunning {
            Foundation.kill(process.processIdentifier, SIGKILL)
            Foundation.kill(process.processIdentifier, SIGCONT)
        }
        process.waitUntilExit()
    }

    /// SIGTERM, then SIGKILL after `timeout`; returns the exit status.
    @discardableResult
    public func stop(timeout: TimeInterval = 30) -> Int32 {
        if process.isRunning {
            // A frozen (SIGSTOPped) process acts on SIGTERM only once it runs again.
            Foundation.kill(process.processIdentifier, SIGCONT)
            Foundation.kill(process.processIdentifier, SIGTERM)
            let deadline = Date().addingTimeInterval(timeout)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
