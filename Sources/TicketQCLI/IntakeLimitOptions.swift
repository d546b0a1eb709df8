import ArgumentParser
import TicketQHTTP

/// The intake's connection limits and Redis pool size, as command-line flags.
struct IntakeLimitOptions: ParsableArguments {
    @Option(name: .customLong("max-connections"), help: "Most connections open at once; more are answered 503 and closed.")
    var maxConnections = 512

    @Option(name: .customLong("max-connections-per-client"), help: "Most connections open at once from one client address.")
    var maxConnectionsPerClient = 64

    @Option(name: .customLong("max-header-bytes"), help: "Largest request head (request line and headers) in bytes; larger is answered 431.")
    var maxHeaderBytes = 16 * 1024

    @Option(name: .customLong("header-timeout"), help: ArgumentHelp("Seconds a client has to send a complete request head; then 408 and close.", valueName: "seconds"))
    var headerTimeout = 10.0

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds a keep-alive connection may wait between requests.", valueName: "seconds"))
    var idleTimeout = 30.0

    @Option(name: .customLong("body-timeout"), help: ArgumentHelp("Seconds a request body may take in all; then 408 and close.", valueName: "seconds"))
    var bodyTimeout = 300.0

    @Option(name: .customLong("min-body-rate"), help: ArgumentHelp("Slowest average body upload accepted after its first 5 seconds.", valueName: "bytes/s"))
    var minBodyRate = 4096

    @Option(name: .customLong("redis-connections"), help: "Threads handling Redis work, each with one pooled connection.")
    var redisConnections = 4

    func validate() throws {
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard maxConnectionsPerClient >= 1 else { throw ValidationError("--max-connections-per-client must be at least 1") }
        guard maxHeaderBytes >= 1024 else { throw ValidationError("--max-header-bytes must be at least 1024") }
        for (flag, value) in [("--header-timeout", headerTimeout), ("--idle-timeout", idleTimeout), ("--body-timeout", bodyTimeout)] {
            guard value > 0, value <= 86_400 else { throw ValidationError("\(flag) must be more than 0 and at most 86400 seconds") }
        }
        guard minBodyRate >= 0 else { throw ValidationError("--min-body-rate must not be negative") }
        guard (1...64).contains(redisConnections) else { throw ValidationError("--redis-connections must be from 1 to 64") }
    }

    /// The limits for the intake's HTTP server.
    var limits: HTTPServerLimits {
        HTTPServerLimits(
            maxHeaderBytes: maxHeaderBytes, headerTimeout: .seconds(headerTimeout), bodyTimeout: .seconds(bodyTimeout),
            minBodyRate: minBodyRate, bodyRateGrace: .seconds(5), idleTimeout: .seconds(idleTimeout),
            maxConnections: maxConnections, maxConnectionsPerClient: maxConnectionsPerClient
        )
    }
}
