import Foundation

/// Where and how a run ran: versions, machine and configuration.
public struct RunMetadata: Codable, Sendable {
    public var harness_version: String
    public var ticketq_version: String?
    public var redis_version: String?
    public var started_at: String
    public var machine: String
    public var cpus: Int
    public var memory_gib: Double
    public var cluster: String
    public var workers: Int?
    public var worker_concurrency: Int?
    public var command: String
    public var config: [String: String]

    /// Reads the machine's figures; the rest is filled in by the run.
    public static func current(cluster: String, command: String, config: [String: String]) -> RunMetadata {
        var system = utsname()
        uname(&system)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let formatter = ISO8601DateFormatter()
        return RunMetadata(
            harness_version: LoadVersion.current, ticketq_version: nil, redis_version: nil,
            started_at: formatter.string(from: Date()),
            machine: "\(field(system.sysname)) \(field(system.release)) \(field(system.machine))",
            cpus: ProcessInfo.processInfo.activeProcessorCount,
            memory_gib: (Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 * 10).rounded() / 10,
            cluster: cluster, workers: nil, worker_concurrency: nil, command: command, config: config
        )
    }
}
