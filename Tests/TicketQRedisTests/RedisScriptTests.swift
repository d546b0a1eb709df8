import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisScriptTests {
    let echo = RedisScript("return {KEYS[1], ARGV[1], redis.call('INCR', KEYS[1] .. ':calls')}")

    @Test func localDigestMatchesTheServers() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        let reply = try connection.command("SCRIPT", "LOAD", echo.source)
        #expect(reply.string == echo.sha1)
    }

    @Test func scriptRunsAndIsReloadedAfterScriptFlush() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        let first = try connection.evalSHA(echo, keys: [bytes("k")], arguments: [[0x00, 0x0D, 0x0A]])
        #expect(first == .array([.bulkString(bytes("k")), .bulkString([0x00, 0x0D, 0x0A]), .integer(1)]))

        // Flushed from another connection, so this one still believes the script is loaded.
        try server.connect().command("SCRIPT", "FLUSH")
        #expect(try connection.command("SCRIPT", "EXISTS", echo.sha1) == .array([.integer(0)]))

        let second = try connection.evalSHA(echo, keys: [bytes("k")], arguments: [bytes("again")])
        #expect(second.array?[2] == .integer(2))
        #expect(try connection.command("SCRIPT", "EXISTS", echo.sha1) == .array([.integer(1)]))
    }

    @Test func pipelinesMixScriptsAndPlainCommandsAndReloadInPlace() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        let counter = RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])")
        let commands = [
            RedisCommand("SET", "before", "1"),
            .evalSHA(counter, keys: [bytes("total")], arguments: [bytes("5")]),
            RedisCommand("GET", "before"),
            .evalSHA(counter, keys: [bytes("total")], arguments: [bytes("10")]),
        ]
        let replies = try connection.pipeline(commands)
        #expect(replies == [.status("OK"), .integer(5), .bulkString(bytes("1")), .integer(15)])

        try server.connect().command("SCRIPT", "FLUSH")
        let afterFlush = try connection.pipeline(commands)
        #expect(afterFlush == [.status("OK"), .integer(20), .bulkString(bytes("1")), .integer(30)])
    }

    @Test func aScriptThatDoesNotCompileReportsItsCompileError() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        let broken = RedisScript("return (")
        let error = #expect(throws: RedisError.self) { try connection.evalSHA(broken) }
        #expect(error?.serverError?.message.contains("compiling") == true)

        let replies = try connection.pipeline([.evalSHA(broken), RedisCommand("PING")])
        #expect(replies[0].serverError?.isNoScript == false)
        #expect(replies[0].serverError?.message.contains("compiling") == true)
        #expect(replies[1] == .status("PONG"))
    }

    @Test func aScriptErrorIsAServerError() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        try connection.command("SET", "text", "value")
        let failing = RedisScript("return redis.call('LPUSH', KEYS[1], 'x')")
        let error = #expect(throws: RedisError.self) { try connection.evalSHA(failing, keys: [bytes("text")]) }
        #expect(error?.serverError?.message.contains("WRONGTYPE") == true)
    }

    @Test func explicitLoad() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        try connection.loadScript(echo)
        #expect(try connection.command("SCRIPT", "EXISTS", echo.sha1) == .array([.integer(1)]))
    }
}
