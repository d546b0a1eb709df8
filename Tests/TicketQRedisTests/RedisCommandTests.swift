import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisCommandTests {
    @Test func binarySafeRoundTrip() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        let key: [UInt8] = [0x6B, 0x00, 0x0D, 0x0A, 0xFF]
        let value = (0...255).map { UInt8($0) } + Array("\r\n$-1\r\n*3\r\n".utf8) + [0, 0, 0x0D, 0x0A]

        #expect(try connection.command([bytes("SET"), key, value]) == .status("OK"))
        #expect(try connection.command([bytes("GET"), key]) == .bulkString(value))
        #expect(try connection.command([bytes("STRLEN"), key]).int == Int64(value.count))
    }

    @Test func emptyValuesAndMissingKeys() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        try connection.command([bytes("SET"), bytes("empty"), []])
        let empty = try connection.command("GET", "empty")
        #expect(empty == .bulkString([]))
        #expect(empty.string == "")
        #expect(try connection.command("GET", "missing").isNull)
    }

    @Test func replyShapesAndAccessors() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        #expect(try connection.command("PING") == .status("PONG"))
        #expect(try connection.command("INCRBY", "counter", "41").int == 41)
        #expect(try connection.command("INCR", "counter") == .integer(42))
        #expect(try connection.command("GET", "counter").int == 42)
        try connection.command("RPUSH", "list", "a", "b", "c")
        let range = try connection.command("LRANGE", "list", "0", "-1")
        #expect(range.array?.compactMap(\.string) == ["a", "b", "c"])
        #expect(range.string == nil)
        #expect(range.int == nil)
    }

    @Test func wrongTypeIsATypedServerErrorAndTheConnectionStaysUsable() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        try connection.command("SET", "text", "value")
        let error = #expect(throws: RedisError.self) { try connection.command("LPUSH", "text", "x") }
        #expect(error?.serverError?.isWrongType == true)
        #expect(error?.serverError?.code == "WRONGTYPE")
        #expect(error?.isConnectionError == false)
        #expect(!connection.isBroken)
        try connection.ping()
    }

    @Test func unknownCommandIsAServerError() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        let error = #expect(throws: RedisError.self) { try connection.command("NOSUCHCOMMAND") }
        #expect(error?.serverError?.code == "ERR")
        try connection.ping()
    }

    @Test func emptyCommandIsRejectedWithoutBreakingTheConnection() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        #expect(throws: RedisError.invalidCommand("a command needs at least its name")) { try connection.command([]) }
        try connection.ping()
    }

    @Test func databaseFromTheURLIsSelected() throws {
        let server = try RedisServerProcess()
        let inThree = try RedisConnection(url: server.redisURL(database: 3))
        try inThree.command("SET", "where", "three")
        let inZero = try server.connect()
        #expect(try inZero.command("GET", "where").isNull)
        try inZero.command("SELECT", "3")
        #expect(try inZero.command("GET", "where").string == "three")
    }

    @Test func outOfRangeDatabaseIsAServerError() throws {
        let server = try RedisServerProcess()
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: server.redisURL(database: 999)) }
        #expect(error?.serverError?.message.contains("out of range") == true)
    }

    @Test func clientNameIsSet() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect(options: RedisConnectionOptions(clientName: "worker-7"))
        #expect(try connection.command("CLIENT", "GETNAME").string == "worker-7")
    }

    @Test func closedConnectionReportsItself() throws {
        let server = try RedisServerProcess()
        let connection = try server.connect()
        connection.close()
        #expect(connection.isBroken)
        let error = #expect(throws: RedisError.self) { try connection.ping() }
        guard case .connectionClosed = error else {
            Issue.record("expected .connectionClosed, got \(String(describing: error))")
            return
        }
    }

    @Test func refusedConnectionIsATypedError() throws {
        let port = try FreePort.allocate()
        let url = RedisURL(endpoint: .tcp(host: "127.0.0.1", port: port))
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: url) }
        guard case .connectionFailed(let endpoint, let reason) = error else {
            Issue.record("expected .connectionFailed, got \(String(describing: error))")
            return
        }
        #expect(endpoint == "127.0.0.1:\(port)")
        #expect(reason.lowercased().contains("refused"))
        #expect(error?.isConnectionError == true)
    }
}
