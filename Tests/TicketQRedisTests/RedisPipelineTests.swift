import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisPipelineTests {
    @Test func tenThousandCommandsInOnePipeline() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        let values = (0..<10_000).map { index in bytes("ticket-\(index)") + [0x00, 0x0D, 0x0A, UInt8(index % 256)] }

        let replies = try connection.pipeline(values.map { [bytes("RPUSH"), bytes("lane"), $0] })
        #expect(replies.count == 10_000)
        #expect(replies.map(\.int) == (1...10_000).map { Int64($0) })

        let stored = try connection.command("LRANGE", "lane", "0", "-1").array?.compactMap(\.bytes)
        #expect(stored == values)
    }

    @Test func errorRepliesStayInPlace() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        let replies = try connection.pipeline([
            RedisCommand("SET", "text", "value"),
            RedisCommand("LPUSH", "text", "x"),
            RedisCommand("INCR", "n"),
            RedisCommand("GET", "text"),
        ])
        #expect(replies[0] == .status("OK"))
        #expect(replies[1].serverError?.isWrongType == true)
        #expect(replies[2] == .integer(1))
        #expect(replies[3].string == "value")
        #expect(throws: RedisError.self) { try replies[1].checked() }
        #expect(try replies[2].checked() == .integer(1))
        #expect(!connection.isBroken)
    }

    @Test func emptyPipelineSendsNothing() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        #expect(try connection.pipeline([[[UInt8]]]()).isEmpty)
        #expect(try connection.pipeline([RedisCommand]()).isEmpty)
        try connection.ping()
    }

    @Test func anEmptyCommandRejectsThePipelineBeforeSending() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        #expect(throws: RedisError.self) { try connection.pipeline([[bytes("INCR"), bytes("n")], []]) }
        #expect(try connection.command("GET", "n").isNull)
        #expect(!connection.isBroken)
    }

    @Test func transactionsArriveAsArraysOfReplies() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        let replies = try connection.pipeline([
            RedisCommand("MULTI"),
            RedisCommand("INCR", "n"),
            RedisCommand("INCR", "n"),
            RedisCommand("EXEC"),
        ])
        #expect(replies[1] == .status("QUEUED"))
        #expect(replies[3] == .array([.integer(1), .integer(2)]))
    }
}
