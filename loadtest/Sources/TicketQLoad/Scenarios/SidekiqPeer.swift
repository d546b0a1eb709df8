import Foundation
import TicketQLocal

/// Runs the Sidekiq peer scripts (`loadtest/peers/sidekiq/run.sh`) against the same private
/// Redis, in the same run, and reads their results.
public struct SidekiqPeer {
    /// Sidekiq processes and threads, as in Sidekiq's own load test.
    public static let processes = 2
    public static let threads = 10

    private let script: String
    private let redis: String
    private let outputDirectory: String

    /// Finds the peer script.
    /// - Throws: ``LoadError`` when it is not found or the run has no local cluster.
    public init(context: ScenarioContext) throws(LoadError) {
        guard let cluster = context.target.cluster else {
            throw LoadError("--peer sidekiq needs --local-cluster: the peer runs on the same private Redis")
        }
        script = try Self.locate(context.options.peersDirectory)
        redis = cluster.url
        outputDirectory = context.options.outputDirectory
    }

    /// The peer's drain of `jobs` no-op jobs, compared with ticketq's drain throughput.
    public func drain(jobs: Int, ticketqThroughput: Double) throws(LoadError) -> PeerComparison {
        let result = try run(["drain", "--jobs", String(jobs)], file: "sidekiq-drain.json")
        let throughput = result["throughput_per_s"] as? Double
        var comparison = base(result)
        comparison.drain_throughput_per_s = throughput
        comparison.drain_ratio = throughput.map { $0 > 0 ? ticketqThroughput / $0 : 0 }
        comparison.raw["drain"] = (outputDirectory as NSString).appendingPathComponent("sidekiq-drain.json")
        return comparison
    }

    /// The peer's own capacity drain, then its steady run at `fraction` of that capacity.
    public func steady(fraction: Double, duration: Double, drainJobs: Int) throws(LoadError) -> PeerComparison {
        let drained = try run(["drain", "--jobs", String(drainJobs)], file: "sidekiq-capacity.json")
        guard let capacity = drained["throughput_per_s"] as? Double, capacity > 0 else {
            throw LoadError("the Sidekiq capacity drain reported no throughput")
        }
        let rate = Int((fraction * capacity).rounded())
        let result = try run(["steady", "--rate", String(rate), "--duration", String(format: "%.3f", duration)], file: "sidekiq-steady.json")
        var comparison = base(result)
        comparison.drain_throughput_per_s = capacity
        comparison.steady_offered_per_s = result["offered_per_s"] as? Double
        let latency = result["latency_ms"] as? [String: Any]
        comparison.steady_p50_ms = latency?["p50"] as? Double
        comparison.steady_p99_ms = latency?["p99"] as? Double
        comparison.steady_max_ms = latency?["max"] as? Double
        comparison.steady_lost = result["lost"] as? Int
        comparison.raw["capacity"] = (outputDirectory as NSString).appendingPathComponent("sidekiq-capacity.json")
        comparison.raw["steady"] = (outputDirectory as NSString).appendingPathComponent("sidekiq-steady.json")
        return comparison
    }

    private func base(_ result: [String: Any]) -> PeerComparison {
        PeerComparison(
            peer: "sidekiq", version: result["sidekiq_version"] as? String ?? "?",
            setup: "\(Self.processes) processes × \(Self.threads) threads, no-op jobs", raw: [:]
        )
    }

    private func run(_ arguments: [String], file: String) throws(LoadError) -> [String: Any] {
        try? FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let out = (outputDirectory as NSString).appendingPathComponent(file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments + [
            "--redis", redis, "--processes", String(Self.processes), "--threads", String(Self.threads), "--out", out,
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.standardError
        do { try process.run() } catch { throw LoadError("cannot run \(script): \(error)") }
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LoadError("the Sidekiq peer failed (exit \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self).trimmingWhitespace())")
        }
        guard let data = FileManager.default.contents(atPath: out),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw LoadError("the Sidekiq peer wrote no readable result to \(out)")
        }
        return object
    }

    /// `DIR/sidekiq/run.sh`, looked for under `--peers-dir`, else `loadtest/peers` above the
    /// harness's executable or the current directory.
    static func locate(_ explicit: String?) throws(LoadError) -> String {
        if let explicit {
            let path = (explicit as NSString).appendingPathComponent("sidekiq/run.sh")
            guard FileManager.default.fileExists(atPath: path) else { throw LoadError("--peers-dir: no sidekiq/run.sh in \(explicit)") }
            return path
        }
        for start in [ChildProcess.ownExecutable.deletingLastPathComponent(), URL(fileURLWithPath: FileManager.default.currentDirectoryPath)] {
            var directory = start
            for _ in 0..<6 {
                let candidate = directory.appendingPathComponent("loadtest/peers/sidekiq/run.sh").path
                if FileManager.default.fileExists(atPath: candidate) { return candidate }
                directory.deleteLastPathComponent()
            }
        }
        throw LoadError("cannot find loadtest/peers/sidekiq/run.sh; pass --peers-dir DIR")
    }
}
