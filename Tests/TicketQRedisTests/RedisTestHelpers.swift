import TicketQRedis
import TicketQTestSupport

/// The UTF-8 bytes of `text`, for binary-safe command arguments.
func bytes(_ text: String) -> [UInt8] {
    Array(text.utf8)
}

extension RedisServerProcess {
    /// A TCP URL for this server with the given credentials and database.
    func redisURL(user: String? = nil, password: String? = nil, database: Int = 0) -> RedisURL {
        RedisURL(endpoint: .tcp(host: host, port: port), user: user, password: password, database: database)
    }

    /// A new connection to this server.
    func connect(options: RedisConnectionOptions = RedisConnectionOptions()) throws -> RedisConnection {
        try RedisConnection(url: redisURL(), options: options)
    }
}
