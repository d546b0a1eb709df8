import Foundation
import TicketQTestSupport

extension OpsTestBench {
    /// The bench's environment connecting as `role` of the shipped ACL: the URL names the user
    /// (`redis://role@…`) and the password comes from a file, as the shipped configs set them.
    func environment(as role: ShippedRole) throws -> [String: String] {
        let passwordFile = directory.file("redis-password-\(role.rawValue)")
        if !FileManager.default.fileExists(atPath: passwordFile.path) {
            try "\(role.password)\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        }
        var environment = environment
        environment["TICKETQ_REDIS_URL"] = "redis://\(role.rawValue)@127.0.0.1:\(server.port)/0"
        environment["TICKETQ_REDIS_PASSWORD_FILE"] = passwordFile.path
        return environment
    }

    /// Runs `ticketq ARGUMENTS` as `role` of the shipped ACL.
    func run(_ arguments: [String], as role: ShippedRole) async throws -> ProcessOutput {
        try await run(arguments, environment: environment(as: role))
    }

    /// Makes `role` the user of every command the bench runs without naming one.
    func connect(as role: ShippedRole) throws {
        environment = try environment(as: role)
    }
}
