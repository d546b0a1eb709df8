import Foundation
import Synchronization
import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisReconnectTests {
    @Test func killedServerGivesConnectionErrorsAndTheClientReconnectsAfterRestart() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(appendOnly: true))
        let client = RedisClient(
            url: server.redisURL(),
            options: RedisConnectionOptions(connectTimeout: .seconds(1), commandTimeout: .seconds(2)),
            backoff: Backoff(base: .milliseconds(10), cap: .milliseconds(200))
        )
        try client.withConnection { connection in try connection.command("SET", "acknowledged", "before-crash") }
        let firstPID = try #require(server.pid)

        server.kill()
        #expect(server.pid == nil)

        let lost = #expect(throws: RedisError.self) { try client.withConnection { connection in try connection.ping() } }
        #expect(lost?.isConnectionError == true)
        let refused = #expect(throws: RedisError.self) { try client.withConnection { connection in try connection.ping() } }
        guard case .connectionFailed = refused else {
            Issue.record("expected .connectionFailed while the server is down, got \(String(describing: refused))")
            return
        }

        // Restart from another thread while the client is retrying with backoff.
        let restartError = Mutex<(any Error)?>(nil)
        let restarted = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            do { try server.restart() } catch { restartError.withLock { $0 = error } }
            restarted.signal()
        }
        let value = try client.withConnection(retry: .idempotent(maxAttempts: 500)) { connection in
            try connection.command("GET", "acknowledged").string
        }
        restarted.wait()
        if let error = restartError.withLock({ $0 }) { throw error }

        #expect(value == "before-crash")
        #expect(client.connectionsOpened == 2)
        #expect(server.pid != firstPID)
    }

    @Test func reconnectPolicyRetriesConnectingButNotTheWork() throws {
        let server = try RedisServerProcess()
        let client = RedisClient(url: server.redisURL(), backoff: Backoff(base: .milliseconds(1), cap: .milliseconds(5)))
        try client.withConnection { connection in try connection.ping() }
        server.stop()

        // The stale connection fails inside the work, which is not run again.
        var runs = 0
        let stale = #expect(throws: RedisError.self) {
            try client.withConnection(retry: .reconnect(maxAttempts: 3)) { connection in
                runs += 1
                try connection.ping()
            }
        }
        #expect(runs == 1)
        #expect(stale?.isConnectionError == true)

        // With the server down every connect attempt is refused, so the work never runs.
        runs = 0
        let refused = #expect(throws: RedisError.self) {
            try client.withConnection(retry: .reconnect(maxAttempts: 3)) { connection in
                runs += 1
                try connection.ping()
            }
        }
        #expect(runs == 0)
        guard case .connectionFailed = refused else {
            Issue.record("expected .connectionFailed, got \(String(describing: refused))")
            return
        }

        try server.restart()
        try client.withConnection(retry: .reconnect(maxAttempts: 3)) { connection in
            runs += 1
            try connection.ping()
        }
        #expect(runs == 1)
        #expect(client.connectionsOpened == 2)
    }

    @Test func connectionErrorsWrappedByTheWorkAreStillRetried() throws {
        struct WrappedError: Error {
            let underlying: any Error
        }
        let server = try RedisServerProcess()
        let client = RedisClient(url: server.redisURL(), backoff: Backoff(base: .milliseconds(1), cap: .milliseconds(5)))
        try client.withConnection { connection in try connection.ping() }
        // A restart closes the client's socket, so its connection is stale.
        try server.restart()

        var runs = 0
        let pong = try client.withConnection(retry: .idempotent(maxAttempts: 3)) { connection in
            runs += 1
            do {
                return try connection.command("PING")
            } catch {
                throw WrappedError(underlying: error)
            }
        }
        #expect(pong == .status("PONG"))
        #expect(runs == 2)
        #expect(client.connectionsOpened == 2)
    }

    @Test func serverErrorsAreNotRetried() throws {
        let server = try RedisServerProcess()
        let client = RedisClient(url: server.redisURL())
        var runs = 0
        #expect(throws: RedisError.self) {
            try client.withConnection(retry: .idempotent(maxAttempts: 5)) { connection in
                runs += 1
                try connection.command("SET", "text", "v")
                try connection.command("LPUSH", "text", "x")
            }
        }
        #expect(runs == 1)
        #expect(client.connectionsOpened == 1)
    }
}
