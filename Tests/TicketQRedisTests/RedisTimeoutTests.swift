import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisTimeoutTests {
    let shortTimeout = RedisConnectionOptions(commandTimeout: .milliseconds(200))

    @Test func blockingLongerThanTheCommandTimeoutIsATimeoutThenTheClientReconnects() throws {
        let server = try RedisServerProcess()
        let client = RedisClient(url: server.redisURL(), options: shortTimeout)

        let error = #expect(throws: RedisError.self) {
            try client.withConnection { connection in try connection.command("BLPOP", "never-filled", "5") }
        }
        guard case .timeout(let detail) = error else {
            Issue.record("expected .timeout, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("BLPOP"))
        #expect(error?.isConnectionError == true)

        let pong = try client.withConnection { connection in try connection.command("PING") }
        #expect(pong == .status("PONG"))
        #expect(client.connectionsOpened == 2)
    }

    @Test func aTimedOutConnectionIsBroken() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect(options: shortTimeout)
        #expect(throws: RedisError.self) { try connection.command("BLPOP", "never-filled", "5") }
        #expect(connection.isBroken)
        let error = #expect(throws: RedisError.self) { try connection.ping() }
        guard case .connectionClosed = error else {
            Issue.record("expected .connectionClosed, got \(String(describing: error))")
            return
        }
    }

    @Test func aLongerTimeoutForOneBlockingWait() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect(options: shortTimeout)
        try connection.setCommandTimeout(.seconds(10))
        // BLPOP's own timeout (0.5 s) ends the wait before the connection's (10 s): a nil reply, not an error.
        #expect(try connection.command("BLPOP", "never-filled", "0.5").isNull)
        try connection.setCommandTimeout(.milliseconds(200))
        try connection.ping()
    }
}
