import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle
import TicketQConfig
import TicketQHTTP
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQStore
import TicketQWorker
import UnixSignals

/// `ticketq worker`: a stateless worker process.
struct WorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Claim tickets from the lanes, handle them and persist each outcome durably.",
        discussion: """
            SIGTERM or SIGINT stops claiming, lets tickets in hand finish within the grace period, \
            hands the rest back to their lanes without counting the delivery, flushes outcomes and \
            exits 0; a second signal hands everything back at once. It exits within the grace period \
            plus a few seconds whatever the outcome store does, with status 1 when it stopped while \
            the store was failing or before every outcome was settled.

            When outcome-store commits fail (disk full, read-only file, I/O error, corruption), the \
            worker hands back the tickets it cannot commit, stops claiming, answers 503 on /readyz at \
            once and on /healthz after --unhealthy-after seconds, probes the store with real writes \
            and resumes by itself once one commits.
            """
    )

    @OptionGroup var redis: RedisOptions
    @OptionGroup var policies: PolicyOptions

    @Option(help: ArgumentHelp("The outcome store (SQLite); created when missing.", valueName: "path"))
    var db: String

    @Option(help: ArgumentHelp("Worker id; a worker restarted with the same id requeues its previous run's tickets at once (default: host-pid).", valueName: "name"))
    var id: String?

    @Option(help: "Tickets in hand (claimed, not yet settled) at most.")
    var concurrency = 2048

    @Option(help: "Tickets per claim at most (1–1000).")
    var batch = 512

    @Option(
        name: .customLong("urgent-slots"),
        help: "Slots reserved, on top of --concurrency, for same-business-day tickets: claimed as soon as one is queued, handled and committed apart from the backlog's batches (0: no urgent fast path)."
    )
    var urgentSlots = WorkerConfiguration.defaultUrgentSlots

    @Option(help: ArgumentHelp("acknowledge (default) or simulate:SPEC, e.g. simulate:exp=5ms,fail=0.01.", valueName: "handler"))
    var handler = "acknowledge"

    @Option(help: ArgumentHelp("full (default: fsync at every commit) or normal (faster; a power loss can lose the last commits).", valueName: "mode"))
    var durability = "full"

    @Option(help: ArgumentHelp("Seconds a graceful shutdown waits for tickets in hand.", valueName: "seconds"))
    var grace: Double = 20

    @Option(
        name: .customLong("unhealthy-after"),
        help: ArgumentHelp("Seconds the outcome store may fail every commit before /healthz answers 503 (/readyz does at once).", valueName: "seconds")
    )
    var unhealthyAfter: Double = 60

    @Option(help: ArgumentHelp("Seconds a claim stays valid without renewal.", valueName: "seconds"))
    var lease: Double = 10

    @Option(name: .customLong("max-deliveries"), help: "Deliveries before a failing ticket is dead-lettered.")
    var maxDeliveries = 5

    @Option(name: .customLong("lower-tier-share"), help: "Minimum share of claims for the extended and standard lanes while they have work.")
    var lowerTierShare = 0.10

    @Option(
        name: .customLong("metrics-addr"),
        help: ArgumentHelp(
            "Where to serve /metrics, /healthz and /readyz (default 127.0.0.1:9464; if that port is busy, a free loopback port is used and shown in `ticketq status`). Port 0 means any free port; an address given here that cannot be bound is an error.",
            valueName: "host:port"
        )
    )
    var metricsAddr: String?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard (1...1000).contains(batch) else { throw ValidationError("--batch must be between 1 and 1000") }
        guard (0...1000).contains(urgentSlots) else { throw ValidationError("--urgent-slots must be between 0 and 1000") }
        guard ["full", "normal"].contains(durability) else { throw ValidationError("--durability must be full or normal") }
        guard unhealthyAfter >= 0 else { throw ValidationError("--unhealthy-after must be ≥ 0 seconds") }
        guard grace >= 0, lease >= 1 else { throw ValidationError("--grace must be ≥ 0 and --lease ≥ 1 second") }
        guard (0...0.5).contains(lowerTierShare) else { throw ValidationError("--lower-tier-share must be between 0 and 0.5") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a log level") }
        if let id, id.isEmpty || id.contains(where: { $0 == "|" || $0 == "," || $0.isWhitespace }) {
            throw ValidationError("--id must be non-empty without spaces, '|' or ','")
        }
        _ = try makeHandler(catalog: nil)
        if let metricsAddr {
            do {
                _ = try HTTPListenAddress(parsing: metricsAddr)
            } catch {
                throw ValidationError("--metrics-addr: \(error)")
            }
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "ticketq.worker")
        let catalog = try policies.loadCatalog()
        let ticketHandler = try makeHandler(catalog: catalog)
        let url = try redis.resolvedURL()
        let workerID = id ?? "\(ProcessInfo.processInfo.hostName)-\(getpid())"
        var configuration = WorkerConfiguration(
            workerID: workerID, redisURL: url, keys: try LaneKeys(namespace: redis.namespace), databasePath: db,
            lanes: LaneConfiguration(leaseDuration: .milliseconds(Int64(lease * 1000)), lowerTierShare: lowerTierShare),
            concurrency: concurrency, claimBatch: batch, gracePeriod: .milliseconds(Int64(grace * 1000)),
            retry: RetryPolicy(maxDeliveries: maxDeliveries)
        )
        configuration.database = SQLiteConfiguration(durability: durability == "normal" ? .normal : .full)
        configuration.leaseRenewInterval = .milliseconds(Int64(max(0.2, lease / 5) * 1000))
        configuration.unhealthyAfter = .milliseconds(Int64(unhealthyAfter * 1000))
        configuration.urgentSlots = urgentSlots

        // Trap the signals before anything else, so that one arriving during start-up is not
        // lost: the first asks for a graceful drain, the second hands everything back at once.
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let metrics = WorkerMetrics(brands: Array(catalog.brands.keys), version: TicketQVersion.current, concurrency: concurrency)
        let endpoints = WorkerEndpoints(metrics: metrics)
        let server = try await bindMetricsServer(router: endpoints.router, logger: logger)
        let worker = WorkerService(endpoints: endpoints, metrics: metrics, logger: logger) { [configuration] in
            let runtime = try await WorkerRuntime.start(
                configuration: configuration, handler: ticketHandler, logger: logger,
                registryExtras: ["metrics_addr": server.localAddress.description], metrics: metrics
            )
            logger.info("worker started", metadata: [
                "id": "\(workerID)", "redis": "\(url.redacted)", "db": "\(db)", "handler": "\(ticketHandler.name)",
                "concurrency": "\(concurrency)", "metrics": "http://\(server.localAddress)/metrics",
            ])
            return runtime
        }
        // Services stop in reverse order: the worker drains first while /metrics still answers.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: server), .init(service: worker)], logger: logger
        ))
        // The signals are read here rather than by the group: a ServiceGroup ignores a repeated
        // graceful-shutdown signal, and its cancellation signals must differ from those, so it
        // cannot turn a second SIGTERM into the immediate hand-back operators expect.
        let signalHandling = Task {
            var seen = 0
            for await signal in signals {
                seen += 1
                if seen == 1 {
                    logger.info("signal received: draining", metadata: ["signal": "\(signal)"])
                    await group.triggerGracefulShutdown()
                } else {
                    worker.abort()
                }
            }
        }
        defer { signalHandling.cancel() }
        do {
            try await group.run()
        } catch WorkerError.redisCredentialsRefused(let error) {
            Diagnostics.error(RedisOptions.explain(error, url: url))
            throw ExitStatus.failure
        } catch let error as WorkerError {
            if case .libraryNotLoaded = error {
                Diagnostics.error("\(error) (redis \(url.redacted))")
                throw ExitStatus.configuration
            }
            if case .stoppedUnsettled = error {
                Diagnostics.error("\(error)")
                throw ExitStatus.failure
            }
            Diagnostics.error("\(error) (redis \(url.redacted))")
            throw ExitStatus.failure
        }
    }

    /// Binds the metrics endpoint: an explicit address must bind; the default falls back to a
    /// free loopback port when its port is taken (several workers on one host).
    private func bindMetricsServer(router: HTTPRouter, logger: Logger) async throws -> HTTPServer {
        if let metricsAddr {
            do {
                return try await HTTPServer.bind(try HTTPListenAddress(parsing: metricsAddr), router: router, logger: logger)
            } catch {
                Diagnostics.error("--metrics-addr: \(error)")
                throw ExitStatus.configuration
            }
        }
        let preferred = Self.defaultMetricsAddress
        do {
            return try await HTTPServer.bind(preferred, router: router, logger: logger)
        } catch .addressInUse {
            let fallback = HTTPListenAddress(host: preferred.host, port: 0)
            do {
                let server = try await HTTPServer.bind(fallback, router: router, logger: logger)
                logger.warning("default metrics port is busy; serving metrics on a free loopback port instead", metadata: [
                    "busy": "\(preferred)", "metrics_addr": "\(server.localAddress)",
                ])
                return server
            } catch {
                Diagnostics.error("cannot serve metrics: \(error)")
                throw ExitStatus.configuration
            }
        } catch {
            Diagnostics.error("cannot serve metrics on the default \(preferred): \(error); pass --metrics-addr")
            throw ExitStatus.configuration
        }
    }

    /// `127.0.0.1:9464`, the port registered for Prometheus exporters of this kind.
    static let defaultMetricsAddress = HTTPListenAddress(host: "127.0.0.1", port: 9464)

    private func makeHandler(catalog: PolicyCatalog?) throws -> any TicketHandler {
        if handler == "acknowledge" {
            guard let catalog else { return SimulateHandler(spec: try SimulationSpec("")) }
            return AcknowledgeHandler(catalog: catalog)
        }
        if handler.hasPrefix("simulate:") || handler == "simulate" {
            do {
                return SimulateHandler(spec: try SimulationSpec(String(handler.dropFirst("simulate".count).drop(while: { $0 == ":" }))))
            } catch {
                throw ValidationError("--handler: \(error.description)")
            }
        }
        throw ValidationError("--handler must be acknowledge or simulate:SPEC, got \"\(handler)\"")
    }
}
