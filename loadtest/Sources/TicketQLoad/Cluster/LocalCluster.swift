import Foundation
import Synchronization
import TicketQCore
import TicketQLocal

/// A private redis-server and N `ticketq worker` processes, each with its own outcome store in
/// a temporary directory. Workers can be killed and restarted as a process manager would.
public final class LocalCluster: @unchecked Sendable {
    /// The private Redis.
    public let redis: EmbeddedRedisServer
    /// The cluster's working directory (stores, logs).
    public let directory: URL
    /// The outcome store of each worker slot.
    public let storePaths: [String]
    /// The `ticketq` executable the workers run.
    public let ticketq: URL
    private let options: WorkerOptions
    private let workers = Mutex<[ChildProcess?]>([])
    private let killCount = Atomic<Int>(0)

    /// Starts redis-server; workers start with ``startWorkers()``.
    /// - Throws: ``LoadError`` when redis-server cannot start.
    public init(options: WorkerOptions, ticketq: URL, directory: URL) throws(LoadError) {
        do {
            redis = try EmbeddedRedisServer()
        } catch {
            throw LoadError("cannot start a private redis-server: \(error)")
        }
        self.options = options
        self.ticketq = ticketq
        self.directory = directory
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        storePaths = (1...max(1, options.count)).map { directory.appendingPathComponent("worker-\($0).db").path }
    }

    /// The Redis URL.
    public var url: String { redis.url }

    /// Workers killed so far.
    public var kills: Int { killCount.load(ordering: .relaxed) }

    /// Starts every worker; returns the wall-clock time in microseconds just before the first.
    @discardableResult
    public func startWorkers() throws(LoadError) -> Int64 {
        let started = MonotonicClock.wallMicroseconds()
        for slot in storePaths.indices { try start(slot: slot) }
        return started
    }

    /// SIGKILLs the worker in a random slot and starts it again with the same store and id.
    /// Returns the slot.
    @discardableResult
    public func killAndRestart(random: inout SplitMix64) throws(LoadError) -> Int {
        let slot = Int(random.next() % UInt64(storePaths.count))
        let victim = workers.withLock { $0.indices.contains(slot) ? $0[slot] : nil }
        victim?.kill()
        killCount.add(1, ordering: .relaxed)
        try start(slot: slot)
        return slot
    }

    /// Whether every started worker still runs.
    public var allWorkersRunning: Bool {
        workers.withLock { list in list.allSatisfy { $0?.isRunning ?? false } } && !storePaths.isEmpty
    }

    /// Whether any worker runs.
    public var anyWorkerRunning: Bool { workers.withLock { list in list.contains { $0?.isRunning ?? false } } }

    /// Stops the workers gracefully, then redis-server, and removes the directory unless
    /// `keepDirectory`.
    public func stop(keepDirectory: Bool = false) {
        let list = workers.withLock { list in defer { list = [] }; return list }
        for worker in list { worker?.stop(timeout: 20) }
        redis.stop()
        if !keepDirectory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Stops only the workers (the lanes and stores stay).
    public func stopWorkers() {
        let list = workers.withLock { list in defer { list = [] }; return list }
        for worker in list { worker?.stop(timeout: 20) }
    }

    private func start(slot: Int) throws(LoadError) {
        var arguments = [
            "worker", "--redis", redis.url, "--db", storePaths[slot], "--id", "load-\(slot + 1)",
            "--metrics-addr", "127.0.0.1:0", "--handler", options.handler,
        ]
        if let concurrency = options.concurrency { arguments += ["--concurrency", String(concurrency)] }
        if let batch = options.batch { arguments += ["--batch", String(batch)] }
        if let urgentSlots = options.urgentSlots { arguments += ["--urgent-slots", String(urgentSlots)] }
        if let durability = options.durability { arguments += ["--durability", durability] }
        if let lease = options.lease { arguments += ["--lease", String(lease)] }
        let log = directory.appendingPathComponent("worker-\(slot + 1).log").path
        let process: ChildProcess
        do {
            process = try ChildProcess(executable: ticketq, arguments: arguments, logPath: log)
        } catch {
            throw LoadError("cannot start \(ticketq.path) worker: \(error)")
        }
        workers.withLock { list in
            while list.count <= slot { list.append(nil) }
            list[slot] = process
        }
    }
}
