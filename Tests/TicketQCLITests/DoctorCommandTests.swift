import Foundation
import TicketQTestSupport
import Testing

/// `ticketq doctor` against real redis-servers: bad settings, the shipped configuration with a bad
/// and a good default user, an unreachable port, wrong credentials and a restricted user.
struct DoctorCommandTests {
    let ticketq = ProcessRunner.product("ticketq")

    func doctor(_ arguments: [String]) throws -> ProcessOutput {
        try ProcessRunner.run(ticketq, ["doctor"] + arguments, environment: OperatorTestContext.cleanEnvironment)
    }

    /// The line of `check` in the text output, e.g. `error   persistence: …`.
    func line(_ check: String, in output: ProcessOutput) -> String? {
        output.stdout.split(separator: "\n").first { $0.dropFirst(8).hasPrefix("\(check):") }.map(String.init)
    }

    @Test func persistenceOffAndAnEvictionPolicyAreErrors() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(maxMemory: "64mb", maxMemoryPolicy: "allkeys-lru"))
        let output = try doctor(["--redis", server.url])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(line("persistence", in: output)?.hasPrefix("error") == true, "\(output.stdout)")
        #expect(line("persistence", in: output)?.contains("appendonly yes") == true)
        #expect(line("eviction", in: output)?.hasPrefix("error") == true, "\(output.stdout)")
        #expect(line("eviction", in: output)?.contains("maxmemory-policy noeviction") == true)
        #expect(output.stdout.contains("summary: 2 errors"), "\(output.stdout)")

        let json = try doctor(["--redis", server.url, "--json"])
        #expect(json.status == 1)
        let object = try OperatorTestContext.object(json.stdout)
        let findings = try #require(object["findings"] as? [[String: Any]])
        let errors = Set(findings.filter { $0["severity"] as? String == "error" }.compactMap { $0["check"] as? String })
        #expect(errors == ["persistence", "eviction"])
        #expect((object["summary"] as? [String: Any])?["error"] as? Int == 2)
        #expect(object["version"] as? String != nil)
    }

    /// A server with the shipped `ops/redis/redis.conf` and `ops/redis/users.acl` (passwords
    /// `<user>-secret`), `defaultLine` for the default user and `extraLines` added to the ACL file.
    func shippedServer(defaultLine: String, extraLines: [String] = []) throws -> RedisServerProcess {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: repository.appendingPathComponent("ops/redis/redis.conf"), encoding: .utf8)
        let settings = shipped.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.hasPrefix("user ") && !$0.isEmpty }
        var acl = try String(contentsOf: repository.appendingPathComponent("ops/redis/users.acl"), encoding: .utf8)
        for user in ["admin", "intake", "worker", "operator"] {
            acl = acl.replacingOccurrences(of: "REPLACE-WITH-THE-\(user.uppercased())-PASSWORD", with: "\(user)-secret")
        }
        let lines = acl.split(separator: "\n").map { $0.hasPrefix("user default ") ? defaultLine : String($0) } + extraLines
        let scratch = try TemporaryDirectory(prefix: "doctor-acl")
        let aclFile = scratch.file("users.acl")
        try (lines.joined(separator: "\n") + "\n").write(to: aclFile, atomically: true, encoding: .utf8)
        return try RedisServerProcess(options: RedisServerOptions(extraConfiguration: settings + ["aclfile \"\(aclFile.path)\""]))
    }

    @Test func theShippedConfigurationWithADefaultUserOffAndWithoutPermissionsIsAnError() throws {
        let server = try shippedServer(defaultLine: "user default off")
        let output = try doctor(["--redis", "redis://admin:admin-secret@127.0.0.1:\(server.port)/0"])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        let acl = try #require(line("acl-aof", in: output), "\(output.stdout)")
        #expect(acl.hasPrefix("error"))
        #expect(acl.contains("NOPERM"))
        #expect(acl.contains("user default off resetpass ~* &* +@all"))
        #expect(line("persistence", in: output)?.hasPrefix("ok") == true, "\(output.stdout)")
        #expect(!output.stdout.contains("admin-secret"))
    }

    @Test func theShippedConfigurationWithTheSafeDefaultUserLinePasses() throws {
        let server = try shippedServer(defaultLine: "user default off resetpass ~* &* +@all")
        let output = try doctor(["--redis", "redis://admin:admin-secret@127.0.0.1:\(server.port)/0"])
        #expect(line("acl-aof", in: output)?.hasPrefix("ok") == true, "\(output.stdout)\(output.stderr)")
        #expect(!output.stdout.contains("error   "), "\(output.stdout)")
        // The shipped runtime users call functions and nothing else.
        let roles = try #require(line("acl-roles", in: output), "\(output.stdout)")
        #expect(roles.hasPrefix("ok") && ["'intake'", "'worker'", "'operator'"].allSatisfy(roles.contains), "\(roles)")
        // Only the missing maxmemory (the host decides it) is left: a warning, exit 0.
        #expect(line("maxmemory", in: output)?.hasPrefix("warning") == true, "\(output.stdout)")
        #expect(output.stdout.components(separatedBy: "\nwarning ").count == 2, "\(output.stdout)")
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    }

    @Test func runtimeUsersWithoutFunctionsOrWithAdministrationAreNamed() throws {
        // The runtime user of the release before the function library, and a worker that may not
        // call functions but may flush.
        let server = try shippedServer(defaultLine: "user default off resetpass ~* &* +@all", extraLines: [
            "user ticketq on >ticketq-secret resetchannels ~{ticketq}:* -@all +ping +evalsha +script|load +hget",
        ])
        let redisCLI = URL(fileURLWithPath: try RequiredTool.path("redis-cli", package: "redis-tools"))
        let changed = try ProcessRunner.run(redisCLI, [
            "-p", String(server.port), "--user", "admin", "--pass", "admin-secret", "--no-auth-warning",
            "ACL", "SETUSER", "worker", "-fcall", "+flushall",
        ])
        #expect(changed.stdout.contains("OK"), "\(changed.stdout)\(changed.stderr)")
        let output = try doctor(["--redis", "redis://admin:admin-secret@127.0.0.1:\(server.port)/0"])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        let lines = output.stdout.split(separator: "\n").filter { $0.dropFirst(8).hasPrefix("acl-roles:") }
        #expect(lines.contains { $0.hasPrefix("error") && $0.contains("user 'worker' may not call the function library (FCALL)") }, "\(output.stdout)")
        #expect(lines.contains { $0.hasPrefix("warning") && $0.contains("user 'worker' may run FLUSHALL") }, "\(output.stdout)")
        #expect(lines.contains { $0.hasPrefix("warning") && $0.contains("user 'ticketq' may run EVALSHA but not FCALL") }, "\(output.stdout)")

        // A runtime user gets the checks it may not make named, never passed.
        let runtime = try doctor(["--redis", "redis://operator:operator-secret@127.0.0.1:\(server.port)/0"])
        let unchecked = try #require(line("acl-roles", in: runtime), "\(runtime.stdout)\(runtime.stderr)")
        #expect(unchecked.hasPrefix("warning") && unchecked.contains("ACL USERS was refused (NOPERM"), "\(unchecked)")
    }

    @Test func anUnreachableRedisSaysSoWithItsOwnExitCode() throws {
        let port = try FreePort.allocate()
        let output = try doctor(["--redis", "redis://admin:s3cret-pw@127.0.0.1:\(port)/0"])
        #expect(output.status == 69)
        #expect(output.stderr.contains("Redis at redis://admin:***@127.0.0.1:\(port)/0 is unreachable"), "\(output.stderr)")
        #expect(!output.stderr.contains("s3cret-pw"))
        #expect(output.stdout.isEmpty)
    }

    @Test func wrongOrMissingCredentialsAreUnauthorised() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(
            password: "right-secret", users: [RedisACLUser(name: "nothing", password: "nothing-pw", rules: ["~*", "-@all"])]))
        let scratch = try TemporaryDirectory(prefix: "doctor-auth")
        let file = scratch.file("password")
        try "wrong-secret\n".write(to: file, atomically: true, encoding: .utf8)

        let wrong = try doctor(["--redis", server.url, "--redis-password-file", file.path])
        #expect(wrong.status == 77, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("unauthorised"))
        #expect(wrong.stderr.contains("authentication failed"))
        #expect(!wrong.stderr.contains("wrong-secret"))

        let missing = try doctor(["--redis", server.url])
        #expect(missing.status == 77, "\(missing.stderr)")
        #expect(missing.stderr.contains("unauthorised"))
        #expect(missing.stderr.contains("requires a password"))

        let noPing = try doctor(["--redis", "redis://nothing:nothing-pw@127.0.0.1:\(server.port)/0"])
        #expect(noPing.status == 77, "\(noPing.stderr)")
        #expect(noPing.stderr.contains("user 'nothing' may not even run PING"))
    }

    @Test func aRestrictedUserNamesTheChecksItCouldNotMake() throws {
        let user = RedisACLUser(name: "viewer", password: "viewer-pw", rules: ["~*", "-@all", "+ping", "+info"])
        let server = try RedisServerProcess(options: RedisServerOptions(appendOnly: true, users: [user], maxMemory: "64mb"))
        let output = try doctor(["--redis", "redis://viewer:viewer-pw@127.0.0.1:\(server.port)/0"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        for check in ["appendfsync", "min-replicas"] {
            let found = try #require(line(check, in: output), "\(output.stdout)")
            #expect(found.hasPrefix("warning"))
            #expect(found.contains("not checked: CONFIG GET was refused (NOPERM"))
            #expect(found.contains("run with an admin user, e.g. redis://admin@host:6379/0, for the full check"))
        }
        let acl = try #require(line("acl-aof", in: output), "\(output.stdout)")
        #expect(acl.hasPrefix("warning"))
        #expect(acl.contains("ACL GETUSER default was refused"))
        // What INFO tells a restricted user is still checked.
        #expect(line("persistence", in: output)?.hasPrefix("ok") == true)
        #expect(line("eviction", in: output)?.hasPrefix("ok") == true)
        #expect(output.stdout.contains("check the warnings"))
    }
}
