import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisOutOfMemoryTests {
    @Test func writesRefusedUnderMaxmemoryAreTypedOOMErrors() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(maxMemory: "1mb", maxMemoryPolicy: "noeviction"))
        let connection = try server.connect()
        let value = [UInt8](repeating: 0x61, count: 64 * 1024)

        var refusal: RedisServerError?
        for index in 0..<200 where refusal == nil {
            let result = Result { () throws(RedisError) in try connection.command([bytes("SET"), bytes("fill-\(index)"), value]) }
            if case .failure(let error) = result {
                guard let serverError = error.serverError else { throw error }
                refusal = serverError
            }
        }
        let error = try #require(refusal)
        #expect(error.message.hasPrefix("OOM"))
        #expect(error.isOutOfMemory)

        // In a pipeline the refusal stays in place and the commands after it still run.
        let replies = try connection.pipeline([RedisCommand([bytes("SET"), bytes("more"), value]), RedisCommand("EXISTS", "more")])
        #expect(replies[0].serverError?.isOutOfMemory == true)
        #expect(replies[1] == .integer(0))
    }
}
