import Foundation
import TicketQHTTP
import TicketQTestSupport
import Testing

/// ``HTTPServerLimits`` against real sockets. Small limits keep the tests short; the waits are
/// failure guards, not speed expectations.
@Suite struct HTTPServerLimitTests {
    /// Limits whose timers never trip by themselves, however loaded the machine running the
    /// suite is, with the one a test is about changed by `change`.
    private static func limits(_ change: (inout HTTPServerLimits) -> Void = { _ in }) -> HTTPServerLimits {
        var limits = HTTPServerLimits(headerTimeout: .seconds(600), bodyTimeout: .seconds(600), bodyRateGrace: .seconds(600), idleTimeout: .seconds(600))
        change(&limits)
        return limits
    }

    private static let upload = "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 31457280\r\n"

    @Test(.timeLimit(.minutes(1)))
    func headWithoutTokenIsRefusedBeforeTheBody() async throws {
        let server = try await LimitTestServer(Self.limits())
        let port = server.port
        let answer = try await HTTPTestClient.offPool {
            let client = try HTTPTestClient(port: port)
            try client.send(Array((Self.upload + "\r\n").utf8))  // the head of a 30 MB upload, no body byte
            let answer = try client.readResponse()
            try client.waitUntilClosed()
            return answer
        }
        #expect(answer.status == 401)
        #expect(answer.headers["connection"] == "close")
        await server.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func oversizedContentLengthIs413FromTheHead() async throws {
        let server = try await LimitTestServer(Self.limits())
        let port = server.port
        let answer = try await HTTPTestClient.offPool {
            let client = try HTTPTestClient(port: port)
            try client.send(Array((Self.upload + "Authorization: Bearer secret\r\n\r\n").utf8))
            let answer = try client.readResponse()
            try client.waitUntilClosed()
            return answer
        }
        #expect(answer.status == 413)
        await server.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func slowlorisHeadIsClosedByTheHeaderTimeout() async throws {
        let server = try await LimitTestServer(Self.limits { $0.headerTimeout = .seconds(1) })
        let port = server.port
        let closedByServer = try await HTTPTestClient.offPool {
            let client = try HTTPTestClient(port: port)
            try client.send(Array("GET /hello HTTP/1.1\r\n".utf8))
            return Self.trickle(client, line: "X-Slow: a\r\n", for: .seconds(30))
        }
        #expect(closedByServer, "the trickling client was never cut off")
        #expect(server.trips == [.headerTimeout])
        await server.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func slowBodyIsClosedByTheMinimumRate() async throws {
        let server = try await LimitTestServer(Self.limits { $0.minBodyRate = 1000; $0.bodyRateGrace = .seconds(1) })
        let port = server.port
        let closedByServer = try await HTTPTestClient.offPool {
            let client = try HTTPTestClient(port: port)
            try client.send(Array("POST /upload HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer secret\r\nContent-Length: 100000\r\n\r\n".utf8))
            return Self.trickle(client, line: "0123456789", for: .seconds(30))
        }
        #expect(closedByServer, "the trickled body was never cut off")
        #expect(server.trips == [.bodyRate])
        await server.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func oversizedHeadIs431() async throws {
        let server = try await LimitTestServer(Self.limits { $0.maxHeaderBytes = 1024 })
        let port = server.port
        let answer = try await HTTPTestClient.offPool {
            try HTTPTestClient(port: port).request("GET", "/hello", headers: ["X-Big": String(repeating: "b", count: 4096)])
        }
        #expect(answer.status == 431)
        #expect(server.trips == [.headerBytes])
        await server.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func idleKeepAliveConnectionIsClosed() async throws {
        let server = try await LimitTestServer(Self.limits { $0.idleTimeout = .seconds(1) })
        let port = server.port
        try await HTTPTestClient.offPool {
            let client = try HTTPTestClient(port: port)
            #expect(try client.request("GET", "/hello").headers["connection"] == "keep-alive")
            try client.waitUntilClosed()
        }
        #expect(server.trips == [.idleTimeout])
        await server.stop()
    }

    /// The idle limit counts from the last answer, not from the connection's first one: requests
    /// spaced well inside it keep one connection open for longer than the limit in total.
    @Test(.timeLimit(.minutes(1)))
    func busyKeepAliveConnectionOutlivesTheIdleTimeout() async throws {
        let server = try await LimitTestServer(Self.limits { $0.idleTimeout = .seconds(4) })
        let port = server.port
        let statuses = try await HTTPTestClient.offPool {
            let client = try HTTPTestClient(port: port)
            var statuses: [Int] = []
            for _ in 0..<24 {
                statuses.append(try client.request("GET", "/hello").status)
                Thread.sleep(forTimeInterval: 0.25)
            }
            try client.waitUntilClosed()
            return statuses
        }
        #expect(statuses == Array(repeating: 200, count: 24), "every request answered on the one connection")
        #expect(server.trips == [.idleTimeout], "closed for idleness only after the last request")
        await server.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func connectionCapRefusesTheNextConnection() async throws {
        let server = try await LimitTestServer(Self.limits { $0.maxConnections = 2 })
        let port = server.port
        try await HTTPTestClient.offPool {
            let clients = (try HTTPTestClient(port: port), try HTTPTestClient(port: port))
            #expect(try clients.0.request("GET", "/hello").status == 200)
            #expect(try clients.1.request("GET", "/hello").status == 200)
            #expect(Self.isRefused(port: port))
            #expect(server.trips == [.maxConnections])
            withExtendedLifetime(clients) {}
        }
        await server.stop()
    }

    @Test(.timeLimit(.minutes(1)))
    func perClientCapRefusesTheClientsNextConnectionAndFreesOnClose() async throws {
        let server = try await LimitTestServer(Self.limits { $0.maxConnections = 10; $0.maxConnectionsPerClient = 1 })
        let port = server.port
        try await HTTPTestClient.offPool {
            var first: HTTPTestClient? = try HTTPTestClient(port: port)
            #expect(try first?.request("GET", "/hello").status == 200)
            #expect(Self.isRefused(port: port))
            first = nil  // closes it; its place is freed once the server sees the close
            _ = first
        }
        #expect(server.trips == [.maxConnectionsPerClient])
        var freed = false
        for _ in 0..<100 where !freed {
            freed = server.server.openConnections == 0
            if !freed { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(freed)
        #expect(try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, "/hello") }.status == 200)
        await server.stop()
    }

    /// Whether a new connection is refused: answered 503, or closed before any answer.
    private static func isRefused(port: Int) -> Bool {
        guard let client = try? HTTPTestClient(port: port) else { return true }
        guard let answer = try? client.request("GET", "/hello") else { return true }
        return answer.status == 503 && answer.headers["retry-after"] != nil
    }

    /// Sends `line` every 100 ms until the server closes the connection (true) or `limit` passes
    /// (false).
    private static func trickle(_ client: HTTPTestClient, line: String, for limit: Duration) -> Bool {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            do { try client.send(Array(line.utf8)) } catch { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }
}
