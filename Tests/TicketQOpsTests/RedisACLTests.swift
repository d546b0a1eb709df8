import Foundation
import TicketQTestSupport
import Testing

/// The shipped `ops/redis/users.acl` as a whole: one user per role, passwords only placeholders,
/// and no runtime user with another database, code evaluation or the administration commands.
struct RedisACLTests {
    @Test func theShippedFileHasOneUserPerRoleAndNoOtherPasswords() throws {
        let lines = try OpsFiles.text(OpsFiles.redisACL).split(separator: "\n").map(String.init)
        #expect(lines.first == "user default off resetpass ~* &* +@all", "Redis 7.0 replays the append-only file as this user")
        let users = lines.dropFirst().map { $0.split(separator: " ").map(String.init) }
        #expect(users.map { $0.dropFirst().first ?? "" } == ["admin", "intake", "worker", "operator"])
        for (user, role) in zip(users, [ShippedRole.admin, .intake, .worker, .operator]) {
            #expect(user.filter { $0.hasPrefix(">") } == [">\(role.placeholder)"], "\(role.rawValue): one password, the placeholder")
            #expect(!user.contains { $0.hasPrefix("#") || $0 == "nopass" }, "\(role.rawValue): a password other than the placeholder")
            guard role != .admin else { continue }
            #expect(user.contains("-@all") && user.contains("resetchannels"), "\(role.rawValue): every command and channel denied first")
            let granted = user.filter { $0.hasPrefix("+") || $0.hasPrefix("(+") }.joined(separator: " ")
            for command in ["@all", "eval", "evalsha", "script", "function", "select", "flushall", "config", "keys"] {
                #expect(!granted.contains("+\(command) ") && !granted.hasSuffix("+\(command)") && !granted.contains("+\(command)|"),
                        "\(role.rawValue) is granted \(command)")
            }
            #expect(!user.contains { $0.hasSuffix("~*") }, "\(role.rawValue): every key")
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func noRuntimeUserMayUseAnotherDatabase() async throws {
        let bench = try await RedisACLBench()
        for role in [ShippedRole.intake, .worker, .operator] {
            var environment = try bench.ops.environment(as: role)
            environment["TICKETQ_REDIS_URL"] = "redis://\(role.rawValue)@127.0.0.1:\(bench.ops.server.port)/1"
            let refused = try await bench.ops.run(["status"], environment: environment)
            #expect(refused.status != 0 && refused.stderr.contains("select"), "\(role.rawValue) on database 1: \(refused.stderr)")
            try await bench.expectRefused(role, ["SELECT", "1"])
        }
        let admin = try await bench.send(.admin, ["SELECT", "1"])
        #expect(admin == "OK", "admin may: \(admin)")
    }
}
