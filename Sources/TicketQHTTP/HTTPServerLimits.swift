/// The limits an ``HTTPServer`` enforces on its connections, so that slow or idle clients cannot
/// hold sockets, memory or handler capacity.
///
/// The defaults are generous enough for a metrics endpoint scraped over keep-alive (a worker's
/// `/metrics`); the HTTP intake sets its own from its command-line flags.
public struct HTTPServerLimits: Sendable, Hashable {
    /// The largest request head (request line and header fields) accepted; a longer one is
    /// answered `431` and the connection closed.
    public var maxHeaderBytes: Int
    /// How long a client may take to send a complete request head, counted from the connection's
    /// first byte wait or from the first byte after an idle keep-alive pause; then `408` and close.
    public var headerTimeout: Duration
    /// How long a body may take in all, counted from its request head; then `408` and close.
    public var bodyTimeout: Duration
    /// The average rate, in bytes per second, a body must keep up once it has been read for
    /// ``bodyRateGrace``; a slower upload (a slowloris body) is answered `408` and closed.
    public var minBodyRate: Int
    /// How long a body may run below ``minBodyRate`` at its start (TCP slow start, a client's
    /// first buffer).
    public var bodyRateGrace: Duration
    /// How long a keep-alive connection may wait, between requests, for the next one to start.
    public var idleTimeout: Duration
    /// The most connections open at once on the listener; a further one is answered `503` and
    /// closed.
    public var maxConnections: Int
    /// The most connections open at once from one client IP address; a further one is answered
    /// `503` and closed.
    public var maxConnectionsPerClient: Int

    /// Creates limits; the defaults suit a metrics endpoint.
    public init(
        maxHeaderBytes: Int = 16 * 1024,
        headerTimeout: Duration = .seconds(30),
        bodyTimeout: Duration = .seconds(60),
        minBodyRate: Int = 1024,
        bodyRateGrace: Duration = .seconds(5),
        idleTimeout: Duration = .seconds(300),
        maxConnections: Int = 256,
        maxConnectionsPerClient: Int = 64
    ) {
        self.maxHeaderBytes = maxHeaderBytes
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
        self.minBodyRate = minBodyRate
        self.bodyRateGrace = bodyRateGrace
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
        self.maxConnectionsPerClient = maxConnectionsPerClient
    }
}
