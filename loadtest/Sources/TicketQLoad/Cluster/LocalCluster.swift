import Foundation
import Synchronization
import TicketQCore
import TicketQFaults
import TicketQLocal
import TicketQRedis

/// A private redis-server and N `ticketq worker` processes, each with its own outcome store in
/// a temporary directory. Workers can be killed and restarted as a process manager would.
///
/// For fault injection, each worker can reach Redis through a ``FaultProxy`` of its own (so one
/// worker can be cut off while the others carry on), and redis-server can keep an append-only
/// file fsynced on every write, so that it comes back from a SIGKILL with every ticket it accepted.
public final class LocalCluster: @unchecked Sendable {
    /// The private Redis.
    public let redis: EmbeddedRedisServer
    /// The cluster's working directory (stores, logs).
    public let directory: URL
    /// The outcome store of each worker slot.
    public let storePaths: [String]
    /// The `ticketq` executable the workers run.
    public let ticketq: URL
    /// Each worker slot's proxy to Redis, when the workers are proxied.
    public let proxies: [FaultProxy]
    private let options: WorkerOptions
    private let workers = Mutex<[ChildProcess?]>([])
    private let killCount = Atomic<Int>(0)

    /// Starts redis-server (and the workers' proxies); workers start with ``startWorkers()``.
    /// - Parameters:
    ///   - appendOnly: redis-server keeps an append-only file fsynced on every write.
    ///   - proxied: each worker reaches Redis through a ``FaultProxy`` of its own.
    /// - Throws: ``LoadError`` when redis-server or a proxy cannot start.
    public init(options: WorkerOptions, ticketq: URL, directory: URL, appendOnly: Bool = false, proxied: Bool = false) throws(LoadError) {
        do {
            redis = try EmbeddedRedisServer(appendOnly: appendOnly)
        } catch {
            throw LoadError("cannot start a private redis-server: \(error)")
        }
        self.options = options
        self.ticketq = ticketq
        self.directory = directory
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        storePaths = (1...max(1, options.count)).map { directory.appendingPathComponent("worker-\($0).db").path }
        var proxies: [FaultProxy] = []
        if proxied {
            for _ in storePaths {
                let proxy = FaultProxy()
                do {
                    try proxy.start(upstream: (host: "127.0.0.1", port: redis.port))
                } catch {
                    for started in proxies { started.stop() }
                    redis.stop()
                    throw LoadError("cannot start a fault proxy in front of the private redis-server: \(error)")
                }
                proxies.append(proxy)
            }
        }
        self.proxies = proxies
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
        try killAndRestart(slot: slot)
        return slot
    }

    /// SIGKILLs the worker in `slot` and starts it again with the same store and id.
    public func killAndRestart(slot: Int) throws(LoadError) {
        let victim = workers.withLock { $0.indices.contains(slot) ? $0[slot] : nil }
        victim?.kill()
        killCount.add(1, ordering: .relaxed)
        try start(slot: slot)
    }

    /// The process id of the worker in `slot` (0 when none runs).
    public func workerProcessIdentifier(slot: Int) -> Int32 {
        workers.withLock { $0.indices.contains(slot) ? ($0[slot]?.processIdentifier ?? 0) : 0 }
    }

    /// Waits until redis-server answers `PING` (after a restart it refuses commands with
    /// `LOADING` while it replays its append-only file), at most 60 seconds.
    /// - Throws: ``LoadError`` when it does not.
    public func waitUntilRedisServes() throws(LoadError) {
        let deadline = MonotonicClock.nanoseconds() + 60_000_000_000
        var lastError = "no answer"
        while MonotonicClock.nanoseconds() < deadline {
            do {
                let connection = try RedisConnection(url: try RedisURL(redis.url))
                if try connection.command("PING").string == "PONG" { return }
            } catch {
                lastError = "\(error)"
            }
            MonotonicClock.pause(nanoseconds: 20_000_000)
        }
        throw LoadError("redis-server did not serve within 60 s: \(lastError)")
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
        for proxy in proxies { proxy.stop() }
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
            "worker", "--redis", proxies.indices.contains(slot) ? proxies[slot].url : redis.url, "--db", storePaths[slot], "--id", "load-\(slot + 1)",
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
