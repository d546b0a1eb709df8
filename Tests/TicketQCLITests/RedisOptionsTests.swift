import Foundation
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// `--redis`, `TICKETQ_REDIS_URL`, `--redis-password-file` and the errors of commands that talk to Redis.
struct RedisOptionsTests {
    let ticketq = ProcessRunner.product("ticketq")

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> ProcessOutput {
        let base = OperatorTestContext.cleanEnvironment
        return try ProcessRunner.run(ticketq, arguments, environment: base.merging(environment) { $1 })
    }

    @Test(arguments: [["status"], ["dlq", "list"], ["brand", "high-volume", "mejurn"]])
    func unreachableRedisExitsOneWithTheRedactedURL(command: [String]) throws {
        // A port that was free a moment ago: nothing listens there.
        let port = try FreePort.allocate()
        let output = try run(command + ["--redis", "redis://ops:s3cret-pw@127.0.0.1:\(port)/2"])
        #expect(output.status == 1)
        #expect(output.stderr.contains("cannot connect to Redis at redis://ops:***@127.0.0.1:\(port)/2"))
        #expect(output.stderr.contains("refused"))
        #expect(!output.stderr.contains("s3cret-pw"))
        #expect(!output.stdout.contains("s3cret-pw"))
    }

    @Test func theEnvironmentVariableIsUsedWithoutRedis() throws {
        let context = try OperatorTestContext(namespace: "ticketq")
        try context.submit(["a"])
        let output = try run(["status", "--json"], environment: ["TICKETQ_REDIS_URL": context.server.url])
        #expect(output.status == 0, "\(output.stderr)")
        let lanes = try #require(try OperatorTestContext.object(output.stdout)["lanes"] as? [String: [String: Any]])
        #expect(lanes["standard"]?["depth"] as? Int == 1)

        // --redis wins over the variable.
        let port = try FreePort.allocate()
        let overridden = try run(["status", "--redis", "redis://127.0.0.1:\(port)/0"], environment: ["TICKETQ_REDIS_URL": context.server.url])
        #expect(overridden.status == 1)
        #expect(overridden.stderr.contains("127.0.0.1:\(port)"))
    }

    @Test func namespacesKeepDeploymentsApart() throws {
        let context = try OperatorTestContext(namespace: "blue")
        try context.submit(["a", "b"])
        let blue = try context.run(["status", "--json"])
        let green = try context.run(["status", "--json"], redisArguments: ["--redis", context.server.url, "--namespace", "green"])
        let blueLanes = try #require(try OperatorTestContext.object(blue.stdout)["lanes"] as? [String: [String: Any]])
        let greenLanes = try #require(try OperatorTestContext.object(green.stdout)["lanes"] as? [String: [String: Any]])
        #expect(blueLanes["standard"]?["depth"] as? Int == 2)
        #expect(greenLanes["standard"]?["depth"] as? Int == 0)
        let bad = try context.run(["status"], redisArguments: ["--redis", context.server.url, "--namespace", "{x}"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("invalid namespace"))
    }

    @Test func malformedURLsAreUsageErrorsNamingTheProblem() throws {
        let port = try run(["status", "--redis", "redis://127.0.0.1:99999/0"])
        #expect(port.status == 64)
        #expect(port.stderr.contains("--redis"))
        #expect(port.stderr.contains("port '99999'"))

        let scheme = try run(["dlq", "list", "--redis", "rediss://127.0.0.1:6379"])
        #expect(scheme.status == 64)
        #expect(scheme.stderr.contains("rediss"))

        let fromEnvironment = try run(["status"], environment: ["TICKETQ_REDIS_URL": "redis:/ops:hunter2@host"])
        #expect(fromEnvironment.status == 64)
        #expect(fromEnvironment.stderr.contains("$TICKETQ_REDIS_URL"))
        #expect(!fromEnvironment.stderr.contains("hunter2"))
    }

    /// Every placeholder password of the shipped `ops/redis/users.acl` is refused before connecting,
    /// for the commands its user runs, with an error naming the user and never the placeholder.
    @Test func thePlaceholderPasswordsOfTheShippedACLAreRefusedAtStart() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let acl = try String(contentsOf: repository.appendingPathComponent("ops/redis/users.acl"), encoding: .utf8)
        var placeholders: [String: String] = [:]
        for line in acl.split(separator: "\n") {
            let words = line.split(separator: " ").map(String.init)
            guard words.count > 2, let password = words.first(where: { $0.hasPrefix(">") }) else { continue }
            placeholders[words[1]] = String(password.dropFirst())
        }
        #expect(placeholders.keys.sorted() == ["admin", "intake", "operator", "worker"], "\(placeholders.keys)")
        #expect(placeholders.values.allSatisfy { $0.hasPrefix("REPLACE-WITH-") }, "\(placeholders)")

        let directory = try TemporaryDirectory(prefix: "placeholder")
        let commands: [String: [[String]]] = [
            "admin": [["deployment", "init"], ["migrate"], ["doctor"]],
            "intake": [["intake"], ["submit", directory.file("none.jsonl").path]],
            "worker": [["worker", "--db", directory.file("w.db").path]],
            "operator": [["status"], ["dlq", "list"], ["quarantine", "list"], ["brand", "high-volume", "mejurn"]],
        ]
        for (user, placeholder) in placeholders {
            let file = directory.file("redis-password-\(user)")
            try "\(placeholder)\n".write(to: file, atomically: true, encoding: .utf8)
            for command in commands[user] ?? [] {
                let output = try run(command + ["--redis", "redis://\(user)@127.0.0.1:1/0", "--redis-password-file", file.path])
                #expect(output.status == 64, "\(user) \(command): \(output.stderr)")
                #expect(output.stderr.contains("the password of the Redis user '\(user)' is still the placeholder of ops/redis/users.acl"), "\(user) \(command): \(output.stderr)")
                #expect(!output.stderr.contains(placeholder))
            }
            let inURL = try run(["status", "--redis", "redis://\(user):\(placeholder)@127.0.0.1:1/0"])
            #expect(inURL.status == 64 && inURL.stderr.contains("placeholder"), "\(inURL.stderr)")
            #expect(!inURL.stderr.contains(placeholder))
        }
    }

    @Test func passwordFileAuthenticates() throws {
        let context = try OperatorTestContext(options: RedisServerOptions(password: "file-secret"), namespace: "ticketq")
        try context.submit(["a"])
        let file = context.directory.file("redis-password")
        try "file-secret\n".write(to: file, atomically: true, encoding: .utf8)

        let output = try context.run(["status", "--json"], redisArguments: ["--redis", context.server.url, "--redis-password-file", file.path])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(!output.stdout.contains("file-secret"))

        let withoutPassword = try context.run(["status"], redisArguments: ["--redis", context.server.url])
        #expect(withoutPassword.status == 1)
        #expect(withoutPassword.stderr.contains("requires a password"))

        try "wrong-secret\n".write(to: file, atomically: true, encoding: .utf8)
        let wrong = try context.run(["status"], redisArguments: ["--redis", context.server.url, "--redis-password-file", file.path])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("redis://:***@127.0.0.1:\(context.server.port)/0"))
        #expect(!wrong.stderr.contains("wrong-secret"))

        let missing = try context.run(["status"], redisArguments: ["--redis", context.server.url, "--redis-password-file", context.directory.file("nope").path])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("--redis-password-file"))
        #expect(missing.stderr.contains("nope"))
    }

    /// A URL without a user makes Redis check the password of `default`, which the shipped ACL
    /// disables: the command line tools and the worker must say to name the ACL user in the URL.
    @Test func credentialsWithoutAUserAreExplainedWithTheURLToUse() throws {
        let server = try RedisServerProcess(options: RedisServerOptions(
            users: [RedisACLUser(name: "worker", password: "acl-secret")], extraConfiguration: ["user default off"]
        ))
        let directory = try TemporaryDirectory()
        let file = directory.file("redis-password")
        try "acl-secret\n".write(to: file, atomically: true, encoding: .utf8)
        let withUser = "redis://worker@127.0.0.1:\(server.port)/0"

        let status = try run(["status", "--redis", server.url, "--redis-password-file", file.path])
        #expect(status.status == 1)
        #expect(status.stderr.contains("WRONGPASS"), "\(status.stderr)")
        #expect(status.stderr.contains("name that user in the URL, e.g. \(withUser)"), "\(status.stderr)")
        #expect(!status.stderr.contains("acl-secret"))

        let worker = try run(
            ["worker", "--redis", server.url, "--db", directory.file("outcomes.db").path, "--metrics-addr", "127.0.0.1:0"],
            environment: ["TICKETQ_REDIS_PASSWORD_FILE": file.path]
        )
        #expect(worker.status == 1)
        #expect(worker.stderr.contains("refused the credentials"), "\(worker.stderr)")
        #expect(worker.stderr.contains("name that user in the URL, e.g. \(withUser)"), "\(worker.stderr)")
        #expect(!worker.stderr.contains("acl-secret"))

        let noPassword = try run(["worker", "--redis", server.url, "--db", directory.file("outcomes.db").path, "--metrics-addr", "127.0.0.1:0"])
        #expect(noPassword.status == 1)
        #expect(noPassword.stderr.contains("requires a password"), "\(noPassword.stderr)")
        #expect(noPassword.stderr.contains(withUser), "\(noPassword.stderr)")

        let named = try run(["deployment", "init", "--redis", withUser, "--redis-password-file", file.path])
        #expect(named.status == 0, "\(named.stderr)")
    }
}
