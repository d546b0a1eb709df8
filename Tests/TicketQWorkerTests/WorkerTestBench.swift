import Foundation
import Logging
import ServiceLifecycle
import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQLanes
import TicketQRedis
import TicketQStore
import TicketQTestSupport
import TicketQWire
import TicketQWorker

/// A private redis-server, an outcome store in a temporary directory, and helpers to enqueue
/// real tickets and run a worker in-process.
final class WorkerTestBench {
    let server: RedisServerProcess
    let directory: TemporaryDirectory
    let keys: LaneKeys
    let catalog: PolicyCatalog
    let lanes: LaneStore

    init() throws {
        server = try RedisServerProcess()
        directory = try TemporaryDirectory(prefix: "ticketq-worker")
        keys = try LaneKeys(namespace: "wt")
        catalog = try PolicyCatalog.embedded()
        lanes = LaneStore(connection: try RedisConnection(url: try RedisURL(server.url)), keys: keys)
        _ = try lanes.createDeployment(origin: .initialized, release: "test")
    }

    var databasePath: String { directory.file("outcomes.db").path }

    /// Plans and enqueues `count` tickets of both brands; returns their ids.
    @discardableResult
    func enqueue(_ count: Int, prefix: String = "t", category: String? = nil) throws -> [String] {
        try enqueuePlanned(count, prefix: prefix, category: category).map(\.id)
    }

    /// Plans and enqueues `count` tickets of both brands; returns their ids and planned lanes.
    func enqueuePlanned(_ count: Int, prefix: String = "t", category: String? = nil) throws -> [(id: String, lane: Lane)] {
        let planner = IntakePlanner(catalog: catalog)
        let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let received = try RFC3339.parse("2026-11-27T15:00:00Z")
        var entries: [LaneEntry] = []
        for index in 0..<count {
            let ticket = try Ticket(
                id: "\(prefix)-\(index)", brand: index % 2 == 0 ? "pandorana" : "mejurn",
                receivedAt: received.adding(seconds: Int64(index)), subject: "Order question", body: "Where is my order?",
                category: category ?? (index % 3 == 0 ? "order_modification" : "general")
            )
            let plan = try planner.plan(ticket, now: now)
            let queued = QueuedTicket(ticket: ticket, plan: plan, enqueuedAtMillis: now.secondsSinceEpoch * 1000)
            entries.append(LaneEntry(
                id: ticket.id, lane: plan.lane, dueMillis: plan.due.secondsSinceEpoch * 1000,
                promoteAtMillis: plan.promoteAt.map { $0.secondsSinceEpoch * 1000 },
                enqueuedMillis: queued.enqueuedAtMillis, contentDigest: ticket.contentDigest, payload: queued.encode()
            ))
        }
        let accepted = try lanes.submit(entries)
        precondition(accepted.allSatisfy { $0 == .accepted })
        return entries.map { ($0.id, $0.lane) }
    }

    func configuration(id: String = "w1", concurrency: Int = 64, retry: RetryPolicy = RetryPolicy()) throws -> WorkerConfiguration {
        var configuration = WorkerConfiguration(
            workerID: id, redisURL: try RedisURL(server.url), keys: keys, databasePath: databasePath,
            concurrency: concurrency, claimBatch: 32, retry: retry
        )
        configuration.maintenanceInterval = .milliseconds(200)
        configuration.leaseRenewInterval = .milliseconds(500)
        configuration.idleWait = .milliseconds(200)
        configuration.gracePeriod = .seconds(5)
        return configuration
    }

    /// Counts outcome rows by status through a separate read-only connection.
    func countByStatus() throws -> [String: Int] {
        try Self.countByStatus(databasePath)
    }

    static func countByStatus(_ path: String) throws -> [String: Int] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        return try OutcomeStore(path: path, mode: .readOnly).countByStatus()
    }

    /// Runs a worker until `done` says so (or the timeout passes), then shuts it down gracefully.
    func runWorker(
        _ configuration: WorkerConfiguration,
        handler: any TicketHandler,
        timeout: Duration = .seconds(30),
        until done: @escaping @Sendable () throws -> Bool
    ) async throws {
        let logger = Logger(label: "test.worker")
        let runtime = try await WorkerRuntime.start(configuration: configuration, handler: handler, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: runtime)], logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                if try done() { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    /// Starts a worker in-process and returns a function that shuts it down gracefully and
    /// waits for it, so that a test can act on the bench while the worker runs.
    func startWorker(_ configuration: WorkerConfiguration, handler: any TicketHandler) async throws -> @Sendable () async throws -> Void {
        let logger = Logger(label: "test.worker")
        let runtime = try await WorkerRuntime.start(configuration: configuration, handler: handler, logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: runtime)], logger: logger))
        let running = Task { try await group.run() }
        return {
            await group.triggerGracefulShutdown()
            try await running.value
        }
    }

    deinit {
        server.stop()
    }
}
