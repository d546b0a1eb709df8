/// Timeouts and session settings applied when a ``RedisConnection`` is opened.
public struct RedisConnectionOptions: Sendable, Hashable {
    /// How long establishing the connection may take.
    public var connectTimeout: Duration
    /// How long a command (sending it and reading its reply) may take, or `nil` to wait forever.
    ///
    /// A blocking command (`BLPOP key 5`) needs a timeout longer than its block time; give such waits their own
    /// connection or executor with a longer timeout, or change it for one call with
    /// ``RedisConnection/setCommandTimeout(_:)``.
    public var commandTimeout: Duration?
    /// Whether TCP keep-alive probes are enabled, so a silently dead peer is eventually detected.
    public var keepAlive: Bool
    /// A name set with `CLIENT SETNAME`, shown by `CLIENT LIST`; `nil` leaves it unset.
    public var clientName: String?

    /// Creates options; the defaults suit short commands on a local network.
    public init(
        connectTimeout: Duration = .seconds(2),
        commandTimeout: Duration? = .seconds(5),
        keepAlive: Bool = true,
        clientName: String? = nil
    ) {
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.keepAlive = keepAlive
        self.clientName = clientName
    }
}
