import Foundation
import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisAuthenticationTests {
    let password = "p@ss w:rd/\"1\""

    @Test func passwordAuthentication() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(password: password))
        let connection = try RedisConnection(url: server.redisURL(password: password))
        try connection.ping()
    }

    @Test func percentEncodedPasswordFromAURLString() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(password: password))
        let url = try RedisURL("redis://:p%40ss%20w%3Ard%2F%221%22@127.0.0.1:\(server.port)/0")
        try RedisConnection(url: url).ping()
    }

    @Test func aclUserAuthentication() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(users: [RedisACLUser(name: "worker", password: "w0rk")]))
        let connection = try RedisConnection(url: server.redisURL(user: "worker", password: "w0rk"))
        #expect(try connection.command("ACL", "WHOAMI").string == "worker")
    }

    @Test func wrongPasswordIsATypedAuthenticationError() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(password: password))
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: server.redisURL(password: "wrong")) }
        guard case .authenticationFailed(let detail) = error else {
            Issue.record("expected .authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("WRONGPASS"))
        #expect(!detail.contains("wrong"))
        #expect(error?.isConnectionError == false)
    }

    @Test func wrongACLPasswordIsATypedAuthenticationError() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(users: [RedisACLUser(name: "worker", password: "w0rk")]))
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: server.redisURL(user: "worker", password: "nope")) }
        guard case .authenticationFailed(let detail) = error else {
            Issue.record("expected .authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("worker"))
        #expect(!detail.contains("names no user"), "a URL that names its user needs no hint about users: \(detail)")
    }

    /// The shipped ACL disables the user `default`: the right password sent without the user name
    /// is refused, and the error must say to put the user in the URL.
    @Test func refusedPasswordWithoutAUserSaysToNameTheACLUser() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(
            users: [RedisACLUser(name: "worker", password: "w0rk")], extraConfiguration: ["user default off"]
        ))
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: server.redisURL(password: "w0rk")) }
        guard case .authenticationFailed(let detail) = error else {
            Issue.record("expected .authenticationFailed, got \(String(describing: error))")
            return
        }
        #expect(detail.contains("WRONGPASS"))
        #expect(detail.contains("authenticates as the user 'default'"), "\(detail)")
        #expect(detail.contains("name that user in the URL, e.g. redis://worker@127.0.0.1:\(server.port)/0"), "\(detail)")
        #expect(!detail.contains("w0rk"))
        #expect(error?.isAuthenticationFailure == true)
        let named = try RedisConnection(url: server.redisURL(user: "worker", password: "w0rk"))
        #expect(try named.command("ACL", "WHOAMI").string == "worker")
    }

    @Test func userWithoutPasswordIsRejectedBeforeConnecting() throws {
        let url = RedisURL(endpoint: .tcp(host: "127.0.0.1", port: try FreePort.allocate()), user: "worker")
        let error = #expect(throws: RedisError.self) { try RedisConnection(url: url) }
        guard case .authenticationFailed = error else {
            Issue.record("expected .authenticationFailed, got \(String(describing: error))")
            return
        }
    }

    @Test func missingPasswordSurfacesNoAuth() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(password: password))
        let connection = try server.connect()
        let error = #expect(throws: RedisError.self) { try connection.command("GET", "k") }
        #expect(error?.serverError?.code == "NOAUTH")
    }

    @Test func passwordFromAFileCompletesAUserOnlyURL() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(users: [RedisACLUser(name: "worker", password: "from file")]))
        let directory = try TemporaryDirectory()
        let file = directory.file("redis-password")
        try "from file\n".write(to: file, atomically: true, encoding: .utf8)
        let url = try RedisURL("redis://worker@127.0.0.1:\(server.port)/0").withPassword(RedisPasswordFile.read(path: file.path))
        #expect(try RedisConnection(url: url).command("ACL", "WHOAMI").string == "worker")
    }
}
