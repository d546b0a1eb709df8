import Foundation

/// The result of running a program to completion.
public struct ProcessOutput: Sendable {
    /// The exit status (or 128 + signal number when killed by a signal).
    public let status: Int32
    /// Everything written to standard output.
    public let stdout: String
    /// Everything written to standard error.
    public let stderr: String
}

/// Runs built executables of this package from tests.
public enum ProcessRunner {
    /// The folder holding the built products (`.build/debug` or `.build/release`).
    public static var productsDirectory: URL {
        // On Linux the test runner is `<products>/<package>PackageTests.xctest`; on macOS it runs
        // inside that bundle, three levels further down.
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while url.pathComponents.contains(where: { $0.hasSuffix(".xctest") }) {
            url = url.deletingLastPathComponent()
        }
        return url
    }

    /// The URL of a built executable product, e.g. `ticketq`.
    public static func product(_ name: String) -> URL {
        productsDirectory.appendingPathComponent(name)
    }

    /// Runs `executable` with `arguments`, feeding `input` on standard input, and waits for it.
    public static func run(
        _ executable: URL,
        _ arguments: [String],
        input: String = "",
        environment: [String: String]? = nil,
        currentDirectory: URL? = nil
    ) throws -> ProcessOutput {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = currentDirectory }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Drain both pipes concurrently so that a large output never blocks the child.
        let group = DispatchGroup()
        let collected = OutputCollector()
        group.enter()
        DispatchQueue.global().async {
            collected.setOut(stdout.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            collected.setErr(stderr.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        group.wait()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessOutput(status: status, stdout: collected.out, stderr: collected.err)
    }
}

private final class OutputCollector: @unchecked Sendable {
    // Each field is written once by its own reader before `group.wait()` returns.
    private(set) var out = ""
    private(set) var err = ""
    private let lock = NSLock()

    func setOut(_ data: Data) { lock.withLock { out = String(decoding: data, as: UTF8.self) } }
    func setErr(_ data: Data) { lock.withLock { err = String(decoding: data, as: UTF8.self) } }
}

extension ProcessRunner {
    /// ``run(_:_:input:environment:currentDirectory:)`` on a thread outside Swift's cooperative
    /// pool: a test waiting for a child process must not take one of the pool's few threads from
    /// the servers and pollers of tests running beside it.
    public static func runOffPool(
        _ executable: URL, _ arguments: [String], input: String = "", environment: [String: String]? = nil, currentDirectory: URL? = nil
    ) async throws -> ProcessOutput {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    try run(executable, arguments, input: input, environment: environment, currentDirectory: currentDirectory)
                })
            }
        }
    }
}
