import Foundation
import Testing
import TicketQRedis
import TicketQTestSupport

/// ``FaultProxy`` between a client and a real redis-server: each fault does what it says and
/// nothing more.
struct FaultProxyTests {
    /// A running server and a proxy in front of it.
    private func serverBehindProxy() throws -> (RedisServerProcess, FaultProxy) {
        let server = try RedisServerProcess()
        let proxy = FaultProxy()
        try proxy.start(upstream: (host: server.host, port: server.port))
        return (server, proxy)
    }

    private func connect(_ proxy: FaultProxy, timeout: Duration) throws -> RedisConnection {
        try RedisConnection(url: try RedisURL(proxy.url), options: RedisConnectionOptions(commandTimeout: timeout))
    }

    /// Runs a blocking call on a thread of its own, so the test can act while it waits.
    private func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async -> Result<T, any Error> {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: Result { try body() }) }
        }
    }

    @Test func passRelaysCommandsAndRepliesUnchanged() throws {
        let (server, proxy) = try serverBehindProxy()
        defer {
            proxy.stop()
            withExtendedLifetime(server) {}
        }
        let connection = try connect(proxy, timeout: .seconds(5))
        try connection.ping()
        // A value larger than a socket read, so replies arrive in several chunks.
        let large = [UInt8]((0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        _ = try connection.command([bytes("SET"), bytes("large"), large])
        #expect(try connection.command("GET", "large").bytes == large)
        let replies = try connection.pipeline((1...50).map { [bytes("INCR"), bytes("counter-\($0 % 3)")] })
        #expect(replies.count == 50)
        #expect(try connection.command("MGET", "counter-0", "counter-1", "counter-2").array?.compactMap(\.int) == [16, 17, 17])
        #expect(try server.connect().command("STRLEN", "large").int == 2_000_000)
        #expect(proxy.droppedReplies == 0)
    }

    @Test func delayStillDeliversEveryReplyInOrder() throws {
        let (server, proxy) = try serverBehindProxy()
        defer {
            proxy.stop()
            withExtendedLifetime(server) {}
        }
        proxy.mode = .delay(.milliseconds(50))
        let connection = try connect(proxy, timeout: .seconds(5))
        let replies = try connection.pipeline((1...20).map { _ in [bytes("INCR"), bytes("ordered")] })
        #expect(replies.compactMap(\.int) == Array(1...20))
        proxy.mode = .pass
        try connection.ping()
    }

    @Test func blackholeStallsAPingUntilHealed() async throws {
        let (server, proxy) = try serverBehindProxy()
        defer {
            proxy.stop()
            withExtendedLifetime(server) {}
        }
        let connection = try connect(proxy, timeout: .seconds(60))
        try connection.ping()

        proxy.mode = .blackhole
        let answered = DispatchSemaphore(value: 0)
        // The connection moves to the thread that waits for the PING and is used only there.
        nonisolated(unsafe) let waiting = connection
        let ping = Task {
            await onThread {
                defer { answered.signal() }
                return try waiting.command("PING")
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(answered.wait(timeout: .now()) == .timedOut, "a PING got through the blackhole")
        #expect(proxy.openConnections == 1, "the blackhole must keep the connection open")

        proxy.mode = .pass
        let reply = try await ping.value.get()
        #expect(reply == .status("PONG"))
    }

    @Test func aCommandTimingOutInTheBlackholeReachesRedisOnceHealed() async throws {
        let (server, proxy) = try serverBehindProxy()
        defer {
            proxy.stop()
            withExtendedLifetime(server) {}
        }
        let client = RedisClient(url: try RedisURL(proxy.url), options: RedisConnectionOptions(commandTimeout: .milliseconds(300)))
        try client.withConnection { try $0.ping() }

        proxy.mode = .blackhole
        #expect(throws: RedisError.self) { try client.withConnection { try $0.command("SET", "late", "1") } }
        #expect(try server.connect().command("EXISTS", "late").int == 0, "nothing crosses the blackhole")

        // Healing delivers what was held, as TCP does after a partition: the command the client
        // gave up on is executed late.
        proxy.mode = .pass
        let direct = try server.connect()
        var arrived = false
        for _ in 0..<100 where !arrived {
            arrived = try direct.command("EXISTS", "late").int == 1
            if !arrived { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(arrived, "the held command never reached Redis")
        #expect(try client.withConnection { try $0.command("PING") } == .status("PONG"))
    }

    @Test func dropNextReplyLosesExactlyOneReplyOfACommandRedisExecuted() throws {
        let (server, proxy) = try serverBehindProxy()
        defer {
            proxy.stop()
            withExtendedLifetime(server) {}
        }
        let connection = try connect(proxy, timeout: .milliseconds(500))
        proxy.dropNextReply(toCommandContaining: "dropped-counter")
        // Commands not naming the key pass.
        try connection.ping()
        #expect(try connection.command("INCR", "other").int == 1)
        #expect(proxy.isDropPending)

        let error = #expect(throws: RedisError.self) { try connection.command("INCR", "dropped-counter") }
        guard case .timeout = error else {
            Issue.record("expected a timeout, got \(String(describing: error))")
            return
        }
        #expect(proxy.droppedReplies == 1)
        #expect(!proxy.isDropPending)
        #expect(try server.connect().command("GET", "dropped-counter").int == 1, "Redis must have executed the command")

        // One shot: the next command naming the key gets its reply.
        let fresh = try connect(proxy, timeout: .seconds(5))
        #expect(try fresh.command("INCR", "dropped-counter").int == 2)
        #expect(proxy.droppedReplies == 1)
    }

    @Test func dropNextReplyThenCutClosesTheConnection() throws {
        let (server, proxy) = try serverBehindProxy()
        defer {
            proxy.stop()
            withExtendedLifetime(server) {}
        }
        let connection = try connect(proxy, timeout: .seconds(30))
        try connection.ping()
        proxy.dropNextReply(thenCut: true)
        let error = #expect(throws: RedisError.self) { try connection.command("SET", "cut-after", "1") }
        #expect(error?.isConnectionError == true)
        if case .timeout = error { Issue.record("the cut must end the wait, not the command timeout") }
        #expect(proxy.droppedReplies == 1)
        #expect(try server.connect().command("GET", "cut-after").string == "1")
        #expect(try connect(proxy, timeout: .seconds(5)).command("GET", "cut-after").string == "1")
    }

    @Test func cutConnectionsBreaksOpenConnectionsAndAcceptsNewOnes() throws {
        let (server, proxy) = try serverBehindProxy()
        defer {
            proxy.stop()
            withExtendedLifetime(server) {}
        }
        let client = RedisClient(url: try RedisURL(proxy.url), options: RedisConnectionOptions(commandTimeout: .seconds(30)))
        try client.withConnection { try $0.ping() }
        proxy.cutConnections()
        let error = #expect(throws: RedisError.self) { try client.withConnection { try $0.ping() } }
        #expect(error?.isConnectionError == true)
        try client.withConnection { try $0.ping() }
        #expect(client.connectionsOpened == 2)
        #expect(proxy.acceptedConnections == 2)
    }
}
