import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQStore

/// A stateless worker: claims tickets from the lanes, handles them, commits each outcome durably
/// to SQLite, then acknowledges it in Redis.
///
/// Run it in a `ServiceGroup`: a graceful shutdown stops claiming, lets tickets in hand finish
/// within ``WorkerConfiguration/gracePeriod``, hands the rest back to their lanes without
/// counting the delivery, flushes outcomes and returns. ``abort()`` (a second signal) hands
/// everything back at once.
public final class WorkerRuntime: Service, Sendable {
    /// The worker's settings.
    public var configuration: WorkerConfiguration { context.configuration }
    /// The Prometheus metrics this process exports.
    public var metrics: WorkerMetrics { context.metrics }
    let context: WorkerContext

    private init(context: WorkerContext) {
        self.context = context
    }

    /// Opens the outcome store, registers the worker, settles what a previous process with the
    /// same id left unconfirmed, and requeues its orphans.
    ///
    /// - Throws: ``WorkerError`` when the store cannot be opened, Redis is unreachable, or
    ///   another live worker already uses the id.
    /// - Parameters:
    ///   - registryExtras: extra fields of the registry entry (e.g. `metrics_addr`).
    ///   - metrics: where the worker counts what it does (by default a private registry).
    public static func start(
        configuration: WorkerConfiguration, handler: any TicketHandler, logger: Logger,
        registryExtras: [String: String] = [:], metrics: WorkerMetrics? = nil
    ) async throws -> WorkerRuntime {
        let writer: OutcomeWriter
        do {
            writer = try await OutcomeWriter.open(path: configuration.databasePath, configuration: configuration.database)
        } catch {
            throw WorkerError.storeUnavailable(path: configuration.databasePath, reason: String(describing: error))
        }
        let options = RedisConnectionOptions(clientName: "ticketq-\(configuration.workerID)")
        let redis = RedisExecutor(url: configuration.redisURL, options: options, threadCount: 2, name: "redis-\(configuration.workerID)")
        // The deployment's partition count, fixed at its creation, is read once; a failure here
        // goes through the same checks as the start-up's other Redis calls below.
        var resolved = configuration
        let resolvedKeys: Result<LaneKeys, any Error>
        do {
            resolvedKeys = .success(try await redis.run(retry: .reconnect(maxAttempts: 3)) { [keys = configuration.keys] connection in
                try LaneStore.resolvedKeys(keys, connection: connection)
            })
        } catch {
            resolvedKeys = .failure(error)
        }
        if case let .success(keys) = resolvedKeys { resolved.keys = keys }
        let configuration = resolved
        var waitOptions = options
        waitOptions.commandTimeout = configuration.idleWait + .seconds(5)
        let waiter = RedisExecutor(url: configuration.redisURL, options: waitOptions, threadCount: 1, name: "wait-\(configuration.workerID)")
        let urgentRedis = RedisExecutor(
            url: configuration.redisURL, options: waitOptions, threadCount: configuration.urgentSlots > 0 ? 2 : 1,
            name: "urgent-\(configuration.workerID)"
        )
        let instance = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
        let context = WorkerContext(
            configuration: configuration, handler: handler, logger: logger, redis: redis, waiter: waiter,
            urgentRedis: urgentRedis, writer: writer, instance: instance, registryExtras: registryExtras,
            metrics: metrics ?? WorkerMetrics(brands: [], version: "", concurrency: configuration.concurrency)
        )
        let runtime = WorkerRuntime(context: context)
        do {
            if case let .failure(error) = resolvedKeys { throw error }
            guard try await context.lanes({ store in try store.isDeployed() }) else {
                let stored = (try? await writer.withStore { store in try store.countByStatus().values.reduce(0, +) }) ?? 0
                throw WorkerError.deploymentMissing(storedOutcomes: stored)
            }
            do {
                try await context.lanes { store in try store.requireLibrary() }
            } catch let error as LanesError {
                switch error {
                case .libraryNotLoaded, .migrationNeeded: throw WorkerError.libraryNotLoaded(error)
                default: throw error
                }
            }
            let record = context.registryRecord()
            // A previous process with this id that died keeps its liveness key until it expires;
            // one that is alive keeps refreshing it. Wait one TTL (and a little) to tell them apart.
            let deadline = ContinuousClock.now + configuration.livenessTTL + .seconds(1)
            var registered = false
            while true {
                registered = try await context.lanes { store in
                    try store.register(worker: configuration.workerID, instance: instance, recordJSON: record, ttl: configuration.livenessTTL)
                }
                if registered || ContinuousClock.now >= deadline { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            guard registered else { throw WorkerError.idInUse(configuration.workerID) }
            try await context.settlePreviousLife()
        } catch {
            await runtime.closeResources()
            switch error {
            case let error as WorkerError:
                throw error
            case let error as SQLiteError:
                // Settling the previous run writes to the store (a full disk fails here).
                throw WorkerError.storeUnavailable(path: configuration.databasePath, reason: String(describing: error))
            case let error as RedisError where error.isAuthenticationFailure:
                throw WorkerError.redisCredentialsRefused(error)
            case LanesError.redis(let error) where error.isAuthenticationFailure:
                throw WorkerError.redisCredentialsRefused(error)
            default:
                throw WorkerError.redisUnavailable(String(describing: error))
            }
        }
        return runtime
    }

    /// Runs until a graceful shutdown, then drains.
    ///
    /// The worker's services run as a `ServiceGroup` (see `README.md`), shut down in reverse
    /// order of the pipeline: the claim stage first, the maintenance last. The group's graceful
    /// shutdown may take the grace period plus ``WorkerConfiguration/shutdownSettleAllowance``;
    /// past that it cancels the services and the tickets still in hand are handed back.
    ///
    /// - Throws: ``WorkerError/stoppedUnsettled(_:)`` when it stopped while the outcome
    ///   store was failing, or when outcomes did not settle within the grace period and
    ///   ``WorkerConfiguration/shutdownSettleAllowance`` (the tickets were handed back).
    public func run() async throws {
        var services = ServiceGroupConfiguration(
            services: [
                MaintenanceService(context: context), LeaseKeeper(context: context), StoreProbe(context: context),
                AcknowledgementStage(context: context), CommitStage(context: context), UrgentSettlementStage(context: context),
                ClaimStage(context: context),
            ],
            logger: context.logger
        )
        services.maximumGracefulShutdownDuration = configuration.gracePeriod + configuration.shutdownSettleAllowance
        let group = ServiceGroup(configuration: services)
        context.shutdownTrigger.withLock { $0 = { Task { await group.triggerGracefulShutdown() } } }
        // A stop asked for before the group existed.
        if context.isStopping { await group.triggerGracefulShutdown() }
        do {
            // The group inherits this task's graceful shutdown; the claim stage, told first,
            // stops the claims.
            try await group.run()
        } catch {
            context.unsettled.store(true, ordering: .releasing)
            context.logger.error("the worker's services ended with an error", metadata: ["error": "\(error)"])
        }
        let totals = context.counters.snapshot
        context.logger.info("worker stopped", metadata: [
            "done": "\(totals.done)", "dead": "\(totals.dead)", "released": "\(totals.released)", "retried": "\(totals.retried)",
        ])
        let settled = !context.unsettled.load(ordering: .acquiring)
        await closeResources(storeSettled: settled)
        if let failure = stopFailure(settled: settled) { throw failure }
    }

    /// Stops claiming; tickets in hand may finish within the grace period.
    public func requestStop() {
        context.requestStop()
    }

    /// Hands every ticket in hand back at once (a second signal).
    public func abort() {
        context.abort()
    }

    /// Whether the worker is still claiming.
    public var isStopping: Bool { context.isStopping }

    /// Why the stop must be reported as a failure (exit status 1), or `nil` for a clean stop.
    func stopFailure(settled: Bool) -> WorkerError? {
        if let reason = context.storeHealth.readinessIssue() {
            return .stoppedUnsettled("\(reason); the tickets whose outcomes it could not commit were handed back to their lanes")
        }
        if !settled {
            return .stoppedUnsettled(
                "outcomes were not committed and acknowledged within \(configuration.shutdownSettleAllowance) after the grace period "
                    + "(a stuck outcome store or an unreachable Redis); the tickets still in hand were handed back, and outcomes "
                    + "committed but not acknowledged are settled when a worker with this id starts again"
            )
        }
        return nil
    }

    /// Closes the connections. Waits for the store's writer thread at most the settle allowance,
    /// and not at all when `storeSettled` is false (a commit may be stuck in it).
    func closeResources(storeSettled: Bool = true) async {
        await context.redis.shutdown()
        await context.waiter.shutdown()
        await context.urgentRedis.shutdown()
        let writer = context.writer
        let deadline = ContinuousClock.now + (storeSettled ? configuration.shutdownSettleAllowance : .zero)
        if await bounded(until: deadline, { await writer.close() }) == nil {
            context.logger.error("the outcome store did not close in time; exiting without waiting for it")
        }
    }
}
