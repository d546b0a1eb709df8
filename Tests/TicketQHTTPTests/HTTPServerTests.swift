import Logging
import ServiceLifecycleTestKit
import TicketQHTTP
import TicketQTestSupport
import Testing

@Suite struct HTTPServerTests {
    private static let router = HTTPRouter([
        HTTPRoute("GET", "/hello") { request in .text(200, "hello \(request.query ?? "")") },
        HTTPRoute("POST", "/echo", maxBodyBytes: 1024) { request in
            HTTPResponse(status: 202, headers: [("X-Length", String(request.body.count))], body: request.body)
        },
    ])

    private func withServer(_ body: (HTTPServer) async throws -> Void) async throws {
        let server = try await HTTPServer.bind(HTTPListenAddress(host: "127.0.0.1", port: 0), router: Self.router, logger: Logger(label: "test"))
        let serving = Task { try await server.run() }
        defer { serving.cancel() }
        #expect(server.localAddress.port > 0, "port 0 must be replaced by the bound port")
        try await body(server)
        await server.close()
    }

    @Test func answersRoutesAndKeepsTheConnection() async throws {
        try await withServer { server in
            let port = server.localAddress.port
            try await HTTPTestClient.offPool {
                let client = try HTTPTestClient(port: port)
                let first = try client.request("GET", "/hello?x=1")
                #expect(first.status == 200)
                #expect(first.text == "hello x=1\n")
                #expect(first.headers["connection"] == "keep-alive")
                let second = try client.request("POST", "/echo", body: Array("ticket".utf8))
                #expect(second.status == 202)
                #expect(second.text == "ticket")
                #expect(second.headers["x-length"] == "6")
            }
        }
    }

    /// A client may send its next requests before the first is answered: each is answered, in
    /// order, on the one connection, and a malformed one after them is still refused with 400.
    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer { server in
            let port = server.localAddress.port
            try await HTTPTestClient.offPool {
                let client = try HTTPTestClient(port: port)
                let requests = "GET /hello?n=1 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nticket"
                    + "GET /hello?n=3 HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "NOT HTTP AT ALL\r\n\r\n"
                try client.send(Array(requests.utf8))
                let answers = try (0..<4).map { _ in try client.readResponse() }
                #expect(answers.map(\.status) == [200, 202, 200, 400])
                #expect(answers.map(\.text).prefix(3) == ["hello n=1\n", "ticket", "hello n=3\n"])
                #expect(answers[2].headers["connection"] == "keep-alive")
                try client.waitUntilClosed()
            }
        }
    }

    @Test func unknownPathIs404AndWrongMethodIs405() async throws {
        try await withServer { server in
            let port = server.localAddress.port
            try await HTTPTestClient.offPool {
                let client = try HTTPTestClient(port: port)
                #expect(try client.request("GET", "/nope").status == 404)
                let wrong = try client.request("DELETE", "/hello")
                #expect(wrong.status == 405)
                #expect(wrong.headers["allow"] == "GET")
                #expect(try client.request("POST", "/nope", body: [1, 2, 3]).status == 404)
            }
        }
    }

    @Test func oversizedBodyIs413() async throws {
        try await withServer { server in
            let port = server.localAddress.port
            try await HTTPTestClient.offPool {
                let client = try HTTPTestClient(port: port)
                let response = try client.request("POST", "/echo", body: [UInt8](repeating: 65, count: 4096))
                #expect(response.status == 413)
                #expect(response.text.contains("at most 1024 bytes"))
            }
        }
    }

    @Test func malformedRequestIs400() async throws {
        try await withServer { server in
            let port = server.localAddress.port
            try await HTTPTestClient.offPool {
                let client = try HTTPTestClient(port: port)
                try client.send(Array("NOT HTTP AT ALL\r\n\r\n".utf8))
                #expect(try client.readResponse().status == 400)
            }
        }
    }

    @Test func busyPortIsReportedAsInUse() async throws {
        try await withServer { server in
            await #expect(throws: HTTPServerError.addressInUse(address: server.localAddress.description)) {
                _ = try await HTTPServer.bind(server.localAddress, router: Self.router, logger: Logger(label: "test"))
            }
        }
    }

    @Test func unbindableAddressIsReported() async throws {
        await #expect {
            _ = try await HTTPServer.bind(HTTPListenAddress(host: "192.0.2.1", port: 0), router: Self.router, logger: Logger(label: "test"))
        } throws: { error in
            if case .bindFailed = error as? HTTPServerError { return true }
            return false
        }
    }

    // MARK: Shutdown

    /// Prometheus keeps its scrape connection open between scrapes; a graceful shutdown must not
    /// wait for it to go away.
    @Test(.timeLimit(.minutes(1)))
    func gracefulShutdownClosesAnIdleKeepAliveConnectionAndReturns() async throws {
        try await testGracefulShutdown { trigger in
            let server = try await HTTPServer.bind(HTTPListenAddress(host: "127.0.0.1", port: 0), router: Self.router, logger: Logger(label: "test"))
            let serving = Task { try await server.run() }
            let port = server.localAddress.port
            let answer = try await HTTPTestClient.offPool {
                let client = try HTTPTestClient(port: port)
                let answer = try client.request("GET", "/hello")
                trigger.triggerGracefulShutdown()
                try client.waitUntilClosed()
                return answer
            }
            #expect(answer.headers["connection"] == "keep-alive")
            try await serving.value
            #expect(throws: HTTPTestClient.Failure.self, "a stopped server accepts no connection") {
                _ = try HTTPTestClient(port: port)
            }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func requestInProgressAtShutdownIsAnsweredWithConnectionClose() async throws {
        let (entered, handlerEntered) = AsyncStream<Void>.makeStream()
        let (released, releaseHandler) = AsyncStream<Void>.makeStream()
        let router = HTTPRouter([
            HTTPRoute("GET", "/slow") { _ in
                handlerEntered.yield()
                for await _ in released { break }
                return .text(200, "finished")
            },
        ])
        try await testGracefulShutdown { trigger in
            let server = try await HTTPServer.bind(HTTPListenAddress(host: "127.0.0.1", port: 0), router: router, logger: Logger(label: "test"))
            let serving = Task { try await server.run() }
            let port = server.localAddress.port
            let client = Task {
                try await HTTPTestClient.offPool {
                    let client = try HTTPTestClient(port: port)
                    let answer = try client.request("GET", "/slow")
                    try client.waitUntilClosed()
                    return answer
                }
            }
            for await _ in entered { break }
            trigger.triggerGracefulShutdown()
            releaseHandler.yield()
            let answer = try await client.value
            #expect(answer.status == 200)
            #expect(answer.text == "finished\n")
            #expect(answer.headers["connection"] == "close", "a response finished during shutdown must announce the close")
            try await serving.value
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellationClosesAnIdleKeepAliveConnectionAndReturns() async throws {
        let server = try await HTTPServer.bind(HTTPListenAddress(host: "127.0.0.1", port: 0), router: Self.router, logger: Logger(label: "test"))
        let serving = Task { try await server.run() }
        let port = server.localAddress.port
        let answer = try await HTTPTestClient.offPool {
            let client = try HTTPTestClient(port: port)
            let answer = try client.request("GET", "/hello")
            serving.cancel()
            try client.waitUntilClosed()
            return answer
        }
        #expect(answer.status == 200)
        _ = await serving.result
    }
}
