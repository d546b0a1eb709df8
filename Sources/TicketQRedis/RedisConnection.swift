import CHiredis

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One blocking connection to a Redis server, owning a hiredis context.
///
/// A connection is deliberately not `Sendable`: create it on the thread that uses it and keep it there
/// (``RedisExecutor`` does this for async code). Every call blocks the calling thread until the reply arrives
/// or the command timeout passes, so never call it from Swift's cooperative thread pool.
///
/// After a connection-level error (``RedisError/isConnectionError``) the socket is closed and ``isBroken`` is
/// `true`; open a new connection, or let ``RedisClient`` do it.
///
/// ```swift
/// let connection = try RedisConnection(url: try RedisURL("redis://127.0.0.1:6379/0"))
/// try connection.command("SET", "greeting", "hello")
/// let replies = try connection.pipeline([RedisCommand("INCR", "n"), RedisCommand("GET", "greeting")])
/// ```
public final class RedisConnection {
    /// The URL this connection was opened with.
    public let url: RedisURL
    /// The options this connection was opened with.
    public let options: RedisConnectionOptions

    private var context: UnsafeMutablePointer<redisContext>?
    private var closeReason = "the connection was closed"
    private var commandTimeout: Duration?
    /// SHA-1 digests of the scripts loaded through this connection; cleared with it, since scripts do not
    /// survive a server restart.
    var loadedScripts: Set<String> = []

    /// Connects, authenticates (`AUTH [user] password`), selects the database and sets the client name.
    ///
    /// - Throws: ``RedisError/connectionFailed(endpoint:reason:)`` when the server cannot be reached,
    ///   ``RedisError/authenticationFailed(_:)`` when `AUTH` is rejected, ``RedisError/server(_:)`` when
    ///   `SELECT` fails.
    public init(url: RedisURL, options: RedisConnectionOptions = RedisConnectionOptions()) throws(RedisError) {
        self.url = url
        self.options = options
        self.commandTimeout = options.commandTimeout
        if let user = url.user, url.password == nil {
            throw .authenticationFailed("user '\(user)' is given without a password (put it in the URL or a password file)")
        }
        let context = try Self.open(url.endpoint, timeout: options.connectTimeout)
        self.context = context
        if redisSetTimeout(context, Self.makeTimeval(options.commandTimeout)) != REDIS_OK {
            throw failure(during: "setting the command timeout")
        }
        if options.keepAlive, case .tcp = url.endpoint, redisEnableKeepAlive(context) != REDIS_OK {
            throw failure(during: "enabling TCP keep-alive")
        }
        try startSession()
    }

    deinit {
        if let context { redisFree(context) }
    }

    /// Whether the connection can no longer be used: it was closed, or a connection-level error occurred.
    public var isBroken: Bool { context == nil }

    /// Closes the socket. Later calls throw ``RedisError/connectionClosed(reason:)``.
    public func close() {
        discardContext(reason: "the connection was closed")
    }

    /// Changes the command timeout of this connection, for example around a long blocking wait.
    /// - Parameter timeout: the new timeout, or `nil` to wait forever.
    public func setCommandTimeout(_ timeout: Duration?) throws(RedisError) {
        let context = try liveContext()
        guard redisSetTimeout(context, Self.makeTimeval(timeout)) == REDIS_OK else {
            throw failure(during: "setting the command timeout")
        }
        commandTimeout = timeout
    }

    /// Sends one command and returns its reply.
    ///
    /// - Parameter arguments: binary-safe arguments, command name first.
    /// - Throws: ``RedisError/server(_:)`` for an error reply (`WRONGTYPE`, `OOM`, …), or a connection-level
    ///   ``RedisError``.
    @discardableResult
    public func command(_ arguments: [[UInt8]]) throws(RedisError) -> RedisReply {
        try Self.validate(arguments)
        let context = try liveContext()
        var buffer = ArgvBuffer()
        buffer.append(arguments)
        var raw: UnsafeMutableRawPointer?
        _ = buffer.forEachCommand { argc, argv, lengths in
            raw = redisCommandArgv(context, argc, argv, lengths)
            return true
        }
        guard let raw else { throw failure(during: Self.name(of: arguments)) }
        defer { freeReplyObject(raw) }
        return try decode(raw).checked()
    }

    /// Sends one command given as text arguments, command name first.
    @discardableResult
    public func command(_ arguments: String...) throws(RedisError) -> RedisReply {
        try command(arguments.map { Array($0.utf8) })
    }

    /// Sends one command (plain or `EVALSHA`), loading its script first if needed.
    /// - Throws: ``RedisError/server(_:)`` for an error reply, or a connection-level ``RedisError``.
    @discardableResult
    public func command(_ command: RedisCommand) throws(RedisError) -> RedisReply {
        try pipeline([command])[0].checked()
    }

    /// `PING`; throws if the server does not answer `PONG`.
    public func ping() throws(RedisError) {
        let reply = try command("PING")
        guard reply.string == "PONG" else { throw .protocolError("PING answered \(reply)") }
    }

    /// Writes all commands, then reads all replies, in one round trip.
    ///
    /// Error replies stay in place as ``RedisReply/error(_:)``; only connection-level failures throw.
    /// - Parameter commands: each command's binary-safe arguments, command name first.
    public func pipeline(_ commands: [[[UInt8]]]) throws(RedisError) -> [RedisReply] {
        var buffer = ArgvBuffer()
        for arguments in commands {
            try Self.validate(arguments)
            buffer.append(arguments)
        }
        return try roundTrip(buffer)
    }

    // MARK: - Internals shared with the script support

    /// Sends every command in `buffer` and reads one reply per command.
    func roundTrip(_ buffer: ArgvBuffer) throws(RedisError) -> [RedisReply] {
        guard buffer.commandCount > 0 else { return [] }
        let context = try liveContext()
        let appended = buffer.forEachCommand { argc, argv, lengths in
            redisAppendCommandArgv(context, argc, argv, lengths) == REDIS_OK
        }
        guard appended else { throw failure(during: "buffering a pipeline") }
        var replies: [RedisReply] = []
        replies.reserveCapacity(buffer.commandCount)
        for _ in 0..<buffer.commandCount {
            var raw: UnsafeMutableRawPointer?
            guard redisGetReply(context, &raw) == REDIS_OK, let raw else {
                throw failure(during: "a pipeline of \(buffer.commandCount) commands")
            }
            defer { freeReplyObject(raw) }
            replies.append(try decode(raw))
        }
        return replies
    }

    static func validate(_ arguments: [[UInt8]]) throws(RedisError) {
        guard !arguments.isEmpty else { throw .invalidCommand("a command needs at least its name") }
        guard arguments.count < Int(Int32.max) else { throw .invalidCommand("\(arguments.count) arguments are too many") }
    }

    // MARK: - Private

    private static func open(_ endpoint: RedisEndpoint, timeout: Duration) throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        let connectTimeout = makeTimeval(timeout)
        let context: UnsafeMutablePointer<redisContext>?
        switch endpoint {
        case .tcp(let host, let port):
            context = redisConnectWithTimeout(host, Int32(port), connectTimeout)
        case .unixSocket(let path):
            context = redisConnectUnixWithTimeout(path, connectTimeout)
        }
        guard let context else {
            throw .connectionFailed(endpoint: endpoint.displayName, reason: "cannot allocate a connection")
        }
        if context.pointee.err != 0 {
            let reason = errorString(context)
            redisFree(context)
            throw .connectionFailed(endpoint: endpoint.displayName, reason: reason)
        }
        return context
    }

    /// `AUTH`, `SELECT` and `CLIENT SETNAME` in one round trip.
    private func startSession() throws(RedisError) {
        var buffer = ArgvBuffer()
        var hasAuth = false
        if let password = url.password {
            var auth = [Array("AUTH".utf8)]
            if let user = url.user { auth.append(Array(user.utf8)) }
            auth.append(Array(password.utf8))
            buffer.append(auth)
            hasAuth = true
        }
        if url.database != 0 {
            buffer.append([Array("SELECT".utf8), Array(String(url.database).utf8)])
        }
        if let name = options.clientName {
            buffer.append([Array("CLIENT".utf8), Array("SETNAME".utf8), Array(name.utf8)])
        }
        let replies = try roundTrip(buffer)
        for (index, reply) in replies.enumerated() {
            guard case .error(let error) = reply else { continue }
            close()
            if index == 0 && hasAuth {
                let who = url.user.map { "user '\($0)'" } ?? "the default user"
                let hint = url.aclUserHint.map { " (\($0))" } ?? ""
                throw .authenticationFailed("\(who) at \(url.endpoint.displayName): \(error.message)\(hint)")
            }
            throw .server(error)
        }
    }

    private func liveContext() throws(RedisError) -> UnsafeMutablePointer<redisContext> {
        guard let context else { throw .connectionClosed(reason: closeReason) }
        return context
    }

    /// Turns the context's error state into a typed error and closes the connection, which hiredis cannot
    /// use again after an error anyway.
    private func failure(during operation: String) -> RedisError {
        let savedErrno = errno
        guard let context else { return .connectionClosed(reason: closeReason) }
        let message = Self.errorString(context)
        let error: RedisError
        switch context.pointee.err {
        case REDIS_ERR_IO where savedErrno == EAGAIN || savedErrno == EWOULDBLOCK:
            let limit = commandTimeout.map { " (command timeout \($0))" } ?? ""
            error = .timeout("\(operation) at \(url.endpoint.displayName)\(limit)")
        case REDIS_ERR_PROTOCOL:
            error = .protocolError(message)
        default:
            error = .connectionClosed(reason: "\(message) during \(operation) at \(url.endpoint.displayName)")
        }
        discardContext(reason: "closed after an earlier error: \(error)")
        return error
    }

    private func discardContext(reason: String) {
        if let context { redisFree(context) }
        context = nil
        closeReason = reason
        loadedScripts.removeAll()
    }

    private func decode(_ raw: UnsafeMutableRawPointer) throws(RedisError) -> RedisReply {
        do {
            return try ReplyDecoder.decode(raw.assumingMemoryBound(to: redisReply.self))
        } catch {
            discardContext(reason: "closed after an earlier error: \(error)")
            throw error
        }
    }

    private static func errorString(_ context: UnsafeMutablePointer<redisContext>) -> String {
        withUnsafeBytes(of: &context.pointee.errstr) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }

    private static func name(of arguments: [[UInt8]]) -> String {
        String(decoding: arguments[0].prefix(32), as: UTF8.self).uppercased()
    }

    /// A `timeval`; `nil` (no timeout) becomes zero, which the socket layer reads as "wait forever".
    private static func makeTimeval(_ duration: Duration?) -> timeval {
        guard let duration, duration > .zero else { return timeval(tv_sec: 0, tv_usec: 0) }
        let (seconds, attoseconds) = duration.components
        var value = timeval(tv_sec: Int(seconds), tv_usec: Int(attoseconds / 1_000_000_000_000))
        if value.tv_sec == 0 && value.tv_usec == 0 { value.tv_usec = 1 }
        return value
    }
}
