import Foundation
import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisUnixSocketTests {
    @Test func connectsThroughAUnixSocketAndSelectsTheDatabase() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(unixSocket: true))
        let socketPath = try #require(server.unixSocketPath)
        let url = try RedisURL("unix://\(socketPath)?db=2")
        let connection = try RedisConnection(url: url)
        try connection.command("SET", "via", "socket")

        let info = try connection.command("CLIENT", "INFO").string ?? ""
        #expect(info.contains("db=2"))
        #expect(info.contains("flags=U"))

        let overTCP = try RedisConnection(url: server.redisURL(database: 2))
        #expect(try overTCP.command("GET", "via").string == "socket")
    }

    @Test func missingSocketIsAConnectionFailure() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("absent.sock").path
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: RedisURL(endpoint: .unixSocket(path: path))) }
        guard case .connectionFailed(let endpoint, _) = error else {
            Issue.record("expected .connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(endpoint == path)
    }
}
