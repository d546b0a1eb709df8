import Foundation
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// `ticketq intake` under hostile or heavy clients, against a real redis-server: the token is
/// checked from the head, slow and idle connections are closed and counted, and `/readyz` and
/// submits use pooled connections only.
struct ClusterIntakeLimitTests {
    static let token = "limit-token-0123456789abcdef"

    private func startIntake(_ bench: ClusterTestBench, _ extra: [String]) async throws -> Int {
        let port = try FreePort.allocate()
        let tokens = bench.directory.file("tokens")
        try "\(Self.token)\n".write(to: tokens, atomically: true, encoding: .utf8)
        let process = try bench.startProcess(
            name: "intake", ["intake", "--redis", bench.server.url, "--listen", "127.0.0.1:\(port)", "--token-file", tokens.path] + extra
        )
        let up = try await bench.eventually("intake ready", timeout: .seconds(20)) {
            (try? HTTPTestClient.get(port: port, "/readyz"))?.status == 200 || !process.isRunning
        }
        #expect(up && process.isRunning, "\(process.logTail())")
        return port
    }

    /// `INFO` fields of the bench's Redis, read over one connection kept for the whole test.
    private func redisInfo(_ lanes: RedisConnection, _ field: String) throws -> Int {
        let text = try lanes.command("INFO", "all").string ?? ""
        let line = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix(field + ":") }
        return line.flatMap { Int($0.dropFirst(field.count + 1)) } ?? -1
    }

    @Test(.timeLimit(.minutes(2)))
    func unauthenticatedUploadHeadGets401AtOnce() async throws {
        let bench = try ClusterTestBench()
        let port = try await startIntake(bench, [])
        let answer = try await HTTPTestClient.offPool {
            let client = try HTTPTestClient(port: port)
            // Only the head of a 30 MB email: the answer must not wait for the body.
            try client.send(Array("POST /inbound/email HTTP/1.1\r\nHost: x\r\nContent-Type: message/rfc822\r\nContent-Length: 31457280\r\n\r\n".utf8))
            let answer = try client.readResponse()
            try client.waitUntilClosed()
            return answer
        }
        #expect(answer.status == 401 && answer.headers["www-authenticate"] != nil)
    }

    @Test(.timeLimit(.minutes(2)))
    func slowIdleAndSurplusConnectionsAreClosedAndCounted() async throws {
        let bench = try ClusterTestBench()
        let port = try await startIntake(bench, ["--header-timeout", "2", "--idle-timeout", "2", "--max-connections-per-client", "3"])
        try await HTTPTestClient.offPool {
            let slow = try HTTPTestClient(port: port)
            try slow.send(Array("GET /healthz HTTP/1.1\r\n".utf8))  // the head never completes
            let idle = try HTTPTestClient(port: port)
            #expect(try idle.request("GET", "/healthz").status == 200)
            let third = try HTTPTestClient(port: port)
            let refused = try HTTPTestClient(port: port)
            let answer = try? refused.request("GET", "/healthz")
            #expect(answer == nil || answer?.status == 503, "a fourth connection from one address must be refused")
            #expect(try slow.readResponse().status == 408)
            try idle.waitUntilClosed()
            withExtendedLifetime(third) {}
        }
        let metrics = try await ExpositionSamples.scrape(port: port)
        #expect(metrics[#"ticketq_intake_limit_trips_total{limit="header_timeout"}"#] ?? 0 >= 1)
        #expect(metrics[#"ticketq_intake_limit_trips_total{limit="idle_timeout"}"#] ?? 0 >= 1)
        #expect(metrics[#"ticketq_intake_connections_refused_total{reason="max_connections_per_client"}"#] == 1)
    }

    @Test(.timeLimit(.minutes(3)))
    func readinessChecksAndSubmitsOpenNoConnectionPerCall() async throws {
        let bench = try ClusterTestBench()
        let port = try await startIntake(bench, ["--redis-connections", "2"])
        let lanes = try bench.laneStore().connection
        let acceptedBefore = try redisInfo(lanes, "total_connections_received")
        let clientsBefore = try redisInfo(lanes, "connected_clients")
        async let submits: [Int] = HTTPTestClient.offPool {
            let client = try HTTPTestClient(port: port)
            return try (0..<40).map { index in
                let ticket = #"{"id":"r\#(index)","brand":"pandorana","received_at":"2026-11-27T15:00:00Z","subject":"Help","body":"Where is my order?"}"#
                return try client.request("POST", "/tickets", headers: ["Authorization": "Bearer \(Self.token)"], body: Array(ticket.utf8)).status
            }
        }
        let readiness: [Int] = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<10 {
                group.addTask {
                    try await HTTPTestClient.offPool {
                        let client = try HTTPTestClient(port: port)
                        return try (0..<100).map { _ in try client.request("GET", "/readyz").status }
                    }
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        let submitted = try await submits
        #expect(readiness.count == 1000 && readiness.allSatisfy { $0 == 200 })
        #expect(submitted.allSatisfy { $0 == 202 }, "\(submitted)")
        let acceptedAfter = try redisInfo(lanes, "total_connections_received")
        let clientsAfter = try redisInfo(lanes, "connected_clients")
        // At most the two pooled connections may have been opened meanwhile (lazily, on first use).
        #expect(acceptedAfter - acceptedBefore <= 2, "Redis accepted \(acceptedAfter - acceptedBefore) connections")
        #expect(clientsAfter - clientsBefore <= 2, "connected clients went from \(clientsBefore) to \(clientsAfter)")
    }
}
