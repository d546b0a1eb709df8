import ArgumentParser
import Foundation
import Logging
import NIOPosix
import ServiceLifecycle
import TicketQHTTP
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQTriage
import UnixSignals

/// `ticketq intake --listen HOST:PORT`: the HTTP intake.
struct IntakeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "intake",
        abstract: "Serve the HTTP intake: POST /tickets (JSON or JSONL) and POST /inbound/email (raw MIME or a provider's form post).",
        discussion: """
            Answers 202 with the accepted, duplicate and rejected counts (each rejected line with its \
            number and reason); 422 when a ticket's id was already submitted with different content (a \
            conflict: the first ticket stands; the rejected line says which); 400 when nothing in the \
            body could be used; 401 without a valid bearer \
            token; 413 past the body limit; 503 with Retry-After when Redis refuses or cannot be \
            reached. An email's answer lists mime_defects, what its parser recovered from. Email that \
            cannot become a ticket, or whose ticket id another message already holds, is quarantined \
            (202 with its quarantine id). Submits of concurrent \
            requests share one Redis batch; each request is answered once its batch is in Redis. \
            Bearer tokens: one per line in --token-file (else $TICKETQ_INTAKE_TOKEN_FILE); without \
            tokens the intake only listens on loopback. The token is checked from the request head: \
            a refused request gets 401 at once and its body is never read. GET /metrics, /healthz and \
            /readyz as the workers (/readyz answers from a check made every second). Slow, idle and \
            surplus connections are closed by the limits below.
            """
    )

    @OptionGroup var redis: RedisOptions
    @OptionGroup var policies: PolicyOptions
    @OptionGroup(title: "Connection limits") var limits: IntakeLimitOptions

    @Option(help: ArgumentHelp("Address to listen on.", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(name: .customLong("token-file"), help: ArgumentHelp("Bearer tokens, one per line (# comments).", valueName: "path"))
    var tokenFile: String?

    @Option(name: .customLong("max-body"), help: "Largest POST /tickets body in bytes (emails: 35 MB).")
    var maxBody = 8 * 1024 * 1024

    func validate() throws {
        do {
            _ = try HTTPListenAddress(parsing: listen)
        } catch {
            throw ValidationError("--listen: \(error)")
        }
        guard maxBody >= 1024 else { throw ValidationError("--max-body must be at least 1024 bytes") }
    }

    func run() async throws {
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        let logger = Logger(label: "ticketq.intake")
        let catalog = try policies.loadCatalog()
        let address = try HTTPListenAddress(parsing: listen)
        let tokens = try loadTokens()
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(address.host)
        if tokens.isEmpty && !loopback {
            Diagnostics.error("refusing to serve \(address) without bearer tokens: give --token-file (or $TICKETQ_INTAKE_TOKEN_FILE)")
            throw ExitStatus.configuration
        }
        if tokens.isEmpty { logger.warning("no bearer tokens configured: any local process may submit tickets") }
        let lanes = try redis.openLaneStore(clientName: "ticketq-intake")
        lanes.connection.close()
        let triager: TicketTriager
        do {
            triager = TicketTriager(model: try ModelLocator.load(explicitPath: nil).model)
        } catch {
            Diagnostics.error("cannot load the triage model: \(error)")
            throw ExitStatus.failure
        }
        let url = try redis.resolvedURL()
        let metrics = IntakeMetrics(version: TicketQVersion.current)
        let readiness = IntakeReadiness(redisURL: url, keys: lanes.keys, metrics: metrics, logger: logger)
        let pool = RedisExecutor(
            url: url, options: RedisConnectionOptions(clientName: "ticketq-intake"), threadCount: limits.redisConnections, name: "ticketq-intake"
        )
        // Decoding, parsing and triage: one thread per core, off the event loops.
        let cpu = NIOThreadPool(numberOfThreads: max(1, ProcessInfo.processInfo.activeProcessorCount))
        cpu.start()
        let service = IntakeService(
            catalog: catalog, redis: pool, keys: lanes.keys, triager: triager, tokens: tokens, metrics: metrics,
            readiness: readiness, logger: logger, maxTicketBytes: maxBody, maxEmailBytes: 36 * 1024 * 1024, cpu: cpu
        )
        await readiness.refresh()
        let signals = await UnixSignalsSequence(trapping: .sigterm, .sigint)
        let server: HTTPServer
        do {
            server = try await HTTPServer.bind(address, router: service.router, logger: logger, limits: limits.limits) { limit in
                metrics.recordLimit(limit.rawValue)
            }
        } catch {
            Diagnostics.error("--listen: \(error)")
            throw ExitStatus.configuration
        }
        logger.info("intake listening", metadata: ["address": "\(server.localAddress)", "redis": "\(url.redacted)"])
        // Shut down in reverse: the server drains first, then the readiness check stops.
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(services: [.init(service: readiness), .init(service: server)], logger: logger))
        let signalHandling = Task {
            for await _ in signals { await group.triggerGracefulShutdown() }
        }
        defer { signalHandling.cancel() }
        try await group.run()
        try? await cpu.shutdownGracefully()
        await pool.shutdown()
    }

    private func loadTokens() throws -> Set<String> {
        guard let path = tokenFile ?? ProcessInfo.processInfo.environment["TICKETQ_INTAKE_TOKEN_FILE"].flatMap({ $0.isEmpty ? nil : $0 }) else { return [] }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            Diagnostics.error("--token-file: \(path) cannot be read")
            throw ExitStatus.configuration
        }
        let tokens = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") })
        guard !tokens.isEmpty else {
            Diagnostics.error("--token-file: \(path) holds no token")
            throw ExitStatus.configuration
        }
        if let short = tokens.first(where: { $0.count < 16 }) {
            Diagnostics.error("--token-file: a token of \(short.count) characters is too short to be a secret (at least 16)")
            throw ExitStatus.configuration
        }
        return tokens
    }
}
