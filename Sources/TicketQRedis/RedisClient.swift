#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A ``RedisConnection`` that is re-established after connection errors, with capped exponential backoff and
/// full jitter between attempts.
///
/// Like the connection it wraps, a client is confined to one thread and blocks it; ``RedisExecutor`` gives each
/// of its threads one client.
///
/// ```swift
/// let client = RedisClient(url: .default)
/// let depth = try client.withConnection(retry: .idempotent(maxAttempts: 5)) { connection in
///     try connection.command("ZCARD", "lane").int ?? 0
/// }
/// ```
public final class RedisClient {
    /// The server this client connects to.
    public let url: RedisURL
    /// Options for every connection the client opens.
    public let options: RedisConnectionOptions
    /// The delay between attempts.
    public let backoff: Backoff
    /// How many connections the client has opened so far; more than one means it reconnected.
    public private(set) var connectionsOpened = 0

    private var connection: RedisConnection?

    /// Creates a client; it connects on first use.
    public init(url: RedisURL, options: RedisConnectionOptions = RedisConnectionOptions(), backoff: Backoff = Backoff()) {
        self.url = url
        self.options = options
        self.backoff = backoff
    }

    /// Runs `body` with a live connection, connecting first if there is none or the last one broke.
    ///
    /// A connection-level error from connecting or from `body` (whatever error type `body` wraps it in) drops
    /// the connection, so the next call starts with a new one. Under `retry`, failed connects are retried after
    /// a backoff delay, and `body` itself is run again only when `retry.repeatsWork` (also after a `LOADING`
    /// reply from a server that is still reading its data set).
    /// - Throws: the last error once the attempts are used up, or at once an error that is not about the
    ///   connection (such as an error reply).
    @discardableResult
    public func withConnection<T>(
        retry: RedisRetryPolicy = .never,
        _ body: (RedisConnection) throws -> T
    ) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            let connection: RedisConnection
            switch Result(catching: { () throws(RedisError) in try liveConnection() }) {
            case .success(let live):
                connection = live
            case .failure(let error):
                guard error.isConnectionError, attempt < retry.maxAttempts else { throw error }
                pause(afterAttempt: attempt)
                continue
            }
            do {
                return try body(connection)
            } catch {
                // A broken connection marks a connection-level failure even when `body` wrapped the RedisError
                // in an error type of its own.
                let broken = connection.isBroken
                if broken { self.connection = nil }
                let loading = (error as? RedisError)?.serverError?.isLoading == true
                guard retry.repeatsWork, attempt < retry.maxAttempts, broken || loading else { throw error }
                pause(afterAttempt: attempt)
            }
        }
    }

    /// Returns a live connection, opening one (a single attempt) if needed.
    /// - Throws: ``RedisError`` when connecting fails.
    public func liveConnection() throws(RedisError) -> RedisConnection {
        if let connection, !connection.isBroken { return connection }
        connection = nil
        let fresh = try RedisConnection(url: url, options: options)
        connectionsOpened += 1
        connection = fresh
        return fresh
    }

    /// Closes the current connection, if any; the next call opens a new one.
    public func close() {
        connection?.close()
        connection = nil
    }

    private func pause(afterAttempt attempt: Int) {
        let (seconds, attoseconds) = backoff.delay(forAttempt: attempt).components
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) == -1 && errno == EINTR {
            request = remaining
        }
    }
}
