import Foundation
import TicketQExecution

/// Runs blocking Redis work on dedicated threads, each owning one ``RedisClient``, so async code never blocks
/// Swift's cooperative thread pool.
///
/// Work is taken by whichever thread is free, so one slow call does not hold up the others while threads
/// remain. A blocking wait (`BLPOP`, `BZPOPMIN` with a timeout) occupies its thread for the whole wait: give
/// such waits their own executor, with a command timeout longer than the block time, so they never starve
/// short commands.
///
/// ```swift
/// let redis = RedisExecutor(url: try RedisURL("redis://127.0.0.1:6379/0"), threadCount: 2)
/// let depth = try await redis.run { connection in try connection.command("ZCARD", "lane").int ?? 0 }
/// await redis.shutdown()
/// ```
public final class RedisExecutor: Sendable {
    /// The server the threads connect to.
    public let url: RedisURL
    /// The number of threads, and so of connections and of calls that can run at the same time.
    public var threadCount: Int { executor.threadCount }

    private let executor: ConfinedExecutor<RedisClient>

    /// Starts `threadCount` threads; each connects on its first job.
    ///
    /// - Parameters:
    ///   - url: the server.
    ///   - options: connection options for every thread's connection.
    ///   - backoff: the delay between reconnect attempts.
    ///   - threadCount: the number of threads (at least 1).
    ///   - name: a prefix for the thread names, shown by debuggers and `top -H`.
    public init(
        url: RedisURL,
        options: RedisConnectionOptions = RedisConnectionOptions(),
        backoff: Backoff = Backoff(),
        threadCount: Int = 1,
        name: String = "ticketq-redis"
    ) {
        self.url = url
        executor = ConfinedExecutor(threadCount: threadCount, name: name) { _ in
            RedisClient(url: url, options: options, backoff: backoff)
        } close: { client in
            client.close()
        }
    }

    /// Runs `body` on one of the executor's threads with that thread's connection and returns its result.
    ///
    /// If the task is cancelled before a thread has taken the work, the work is dropped and
    /// `CancellationError` is thrown; work already running is not interrupted.
    /// - Parameters:
    ///   - retry: how to react to connection errors (see ``RedisClient/withConnection(retry:_:)``).
    ///   - body: the blocking work; it must not keep the connection beyond the call.
    /// - Throws: what `body` or connecting throws, ``RedisExecutorError/shutDown`` after ``shutdown()``.
    @discardableResult
    public func run<T: Sendable>(
        retry: RedisRetryPolicy = .never,
        _ body: @escaping @Sendable (RedisConnection) throws -> T
    ) async throws -> T {
        do {
            return try await executor.run { client in try client.withConnection(retry: retry, body) }
        } catch ConfinedExecutorError.shutDown {
            throw RedisExecutorError.shutDown
        }
    }

    /// Stops the executor: new and queued work fails with ``RedisExecutorError/shutDown``, work already running
    /// finishes, then every thread closes its connection and ends. Returns when all threads have ended.
    public func shutdown() async {
        await executor.shutdown(queued: .fail)
    }
}
