import Foundation

/// A program started in the background for a test, with its standard output and error written to
/// files, so a test can crash it, stop it gracefully and read what it logged.
///
/// It is started with every signal unblocked (see ``runWithSignalsUnblocked(_:)``), so ``terminate()`` reaches it
/// even though the test runner's threads block SIGTERM. A process still running when the value
/// is released is killed with SIGKILL.
///
/// ```swift
/// let worker = try ManagedProcess(ProcessRunner.product("ticketq"), ["worker", "--redis", url, …],
///                                 name: "worker-a", logDirectory: directory)
/// worker.terminate()
/// let status = await worker.waitForExit(timeout: .seconds(30))   // 0 after a clean drain
/// ```
public final class ManagedProcess: Sendable {
    /// A name for failure messages, e.g. `worker-a`.
    public let name: String
    /// The program's arguments.
    public let arguments: [String]
    /// The file receiving standard output.
    public let standardOutputURL: URL
    /// The file receiving standard error.
    public let standardErrorURL: URL
    /// The process id, fixed at start.
    public let pid: Int32

    private let process: Process

    /// Starts `executable` with `arguments`; standard output and error go to
    /// `<logDirectory>/<name>.out` and `<name>.err`, appended to when the files exist (a restart
    /// under the same name keeps the earlier run's log).
    ///
    /// - Throws: when the files cannot be created or the program cannot be started.
    public init(
        _ executable: URL,
        _ arguments: [String],
        name: String,
        logDirectory: URL,
        environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws {
        self.name = name
        self.arguments = arguments
        standardOutputURL = logDirectory.appendingPathComponent("\(name).out")
        standardErrorURL = logDirectory.appendingPathComponent("\(name).err")
        let output = try Self.appendingHandle(standardOutputURL)
        let error = try Self.appendingHandle(standardErrorURL)
        defer {
            try? output.close()
            try? error.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = error
        try Self.runWithSignalsUnblocked(process)
        self.process = process
        pid = process.processIdentifier
    }

    deinit {
        if process.isRunning {
            Foundation.kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Whether the process has not exited yet.
    public var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM (a graceful stop).
    public func terminate() { signal(SIGTERM) }

    /// Sends SIGKILL (a crash) and waits until the process is gone.
    public func kill() {
        signal(SIGKILL)
        process.waitUntilExit()
    }

    /// Sends `signal` to the process, if it still runs.
    public func signal(_ signal: Int32) {
        guard process.isRunning else { return }
        Foundation.kill(pid, signal)
    }

    /// Waits up to `timeout` for the process to exit.
    ///
    /// - Returns: the exit status (128 + the signal number when a signal ended it), or `nil`
    ///   when it still runs after `timeout`.
    public func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return exitStatus
    }

    /// Waits up to `timeout` for the process to exit without blocking a thread of the concurrency
    /// pool, polling every 20 ms.
    ///
    /// - Returns: the exit status (128 + the signal number when a signal ended it), or `nil`
    ///   when it still runs after `timeout`.
    public func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return exitStatus
    }

    /// Everything written to standard output so far.
    public var standardOutput: String { Self.read(standardOutputURL) }

    /// Everything written to standard error so far.
    public var standardError: String { Self.read(standardErrorURL) }

    /// The last `lines` lines of standard error and standard output, labelled, for failure messages.
    public func logTail(lines: Int = 30) -> String {
        func tail(_ text: String) -> String {
            text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
        }
        return "--- \(name) (pid \(pid)) stderr ---\n\(tail(standardError))\n--- \(name) stdout ---\n\(tail(standardOutput))"
    }

    // MARK: - Private

    /// The status of a process that has exited (128 + the signal number when a signal ended it).
    private var exitStatus: Int32 {
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }

    private static func appendingHandle(_ url: URL) throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: url.path) {
            guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        return handle
    }

    private static func read(_ url: URL) -> String {
        (try? Data(contentsOf: url)).map { String(decoding: $0, as: UTF8.self) } ?? ""
    }
}
