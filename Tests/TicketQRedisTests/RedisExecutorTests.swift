import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisExecutorTests {
    /// Polls `INFO clients` until `field` reaches `expected`, at most `polls` times.
    private func waitForClientCount(_ field: String, _ expected: Int, on executor: RedisExecutor, polls: Int = 1_000) async throws -> Int {
        var current = -1
        for _ in 0..<polls {
            let info = try await executor.run { connection in try connection.command("INFO", "clients").string ?? "" }
            let line = info.split(separator: "\r\n").first { $0.hasPrefix("\(field):") }
            current = line.flatMap { Int($0.dropFirst(field.count + 1)) } ?? -1
            if current == expected { return current }
            try await Task.sleep(for: .milliseconds(10))
        }
        return current
    }

    @Test func runsWorkAndReturnsItsResult() async throws {
        let server = try RedisServerProcess()
        let executor = RedisExecutor(url: server.redisURL(), threadCount: 2)
        let value = try await executor.run { connection in
            try connection.command("SET", "k", "v")
            return try connection.command("GET", "k").string
        }
        #expect(value == "v")
        await executor.shutdown()
    }

    @Test func errorsFromTheWorkReachTheCaller() async throws {
        let server = try RedisServerProcess()
        let executor = RedisExecutor(url: server.redisURL())
        try await executor.run { connection in try connection.command("SET", "text", "v") }
        let error = await #expect(throws: RedisError.self) {
            try await executor.run { connection in try connection.command("LPUSH", "text", "x") }
        }
        #expect(error?.serverError?.isWrongType == true)
        await executor.shutdown()
    }

    @Test func eightConcurrentBlockingPopsDoNotBlockTheCooperativePool() async throws {
        let server = try RedisServerProcess()
        let blocking = RedisExecutor(
            url: server.redisURL(), options: RedisConnectionOptions(commandTimeout: .seconds(60)), threadCount: 8, name: "test-blocking")
        let commands = RedisExecutor(url: server.redisURL(), threadCount: 1, name: "test-commands")

        let popped = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await blocking.run { connection in
                        try connection.command("BLPOP", "jobs", "30").array?.last?.string
                    }
                }
            }
            // These steps run on the cooperative pool while all eight pops block; had the pops been made on the
            // pool's threads, the values would only be pushed after the pops timed out, and they would return nil.
            let blocked = try await waitForClientCount("blocked_clients", 8, on: commands)
            #expect(blocked == 8)
            try await commands.run { connection in
                try connection.command(["RPUSH", "jobs"].map(bytes) + (0..<8).map { bytes("job-\($0)") })
            }
            var values: [String?] = []
            for try await value in group { values.append(value) }
            return values
        }
        #expect(popped.compactMap { $0 }.sorted() == (0..<8).map { "job-\($0)" })

        await blocking.shutdown()
        await commands.shutdown()
    }

    @Test func cancelledWorkThatHasNotStartedIsDropped() async throws {
        let server = try RedisServerProcess()
        let executor = RedisExecutor(url: server.redisURL(), options: RedisConnectionOptions(commandTimeout: .seconds(60)), threadCount: 1)
        let observer = RedisExecutor(url: server.redisURL())

        let occupying = Task { try await executor.run { connection in try connection.command("BLPOP", "gate", "30").array?.last?.string } }
        #expect(try await waitForClientCount("blocked_clients", 1, on: observer) == 1)

        let queued = Task { try await executor.run { connection in try connection.command("SET", "should-not-run", "1") } }
        queued.cancel()
        await #expect(throws: CancellationError.self) { try await queued.value }

        try await observer.run { connection in try connection.command("RPUSH", "gate", "open") }
        #expect(try await occupying.value == "open")
        #expect(try await observer.run { connection in try connection.command("EXISTS", "should-not-run").int } == 0)

        await executor.shutdown()
        await observer.shutdown()
    }

    @Test func shutdownEndsThreadsFreesConnectionsAndRefusesNewWork() async throws {
        let server = try RedisServerProcess()
        let executor = RedisExecutor(url: server.redisURL(), threadCount: 3)
        let observer = RedisExecutor(url: server.redisURL())

        // Keep three calls in flight at once so that every thread opens its connection.
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<3 {
                group.addTask { _ = try await executor.run { connection in try connection.command("BLPOP", "nothing", "0.3") } }
            }
            try await group.waitForAll()
        }
        #expect(try await waitForClientCount("connected_clients", 4, on: observer) == 4)

        await executor.shutdown()
        #expect(try await waitForClientCount("connected_clients", 1, on: observer) == 1)
        await #expect(throws: RedisExecutorError.shutDown) {
            try await executor.run { connection in try connection.ping() }
        }
        await observer.shutdown()
    }

    @Test func workIsRetriedAcrossAServerRestartWhenIdempotent() async throws {
        let server = try RedisServerProcess(options: RedisServerOptions(appendOnly: true))
        let executor = RedisExecutor(url: server.redisURL(), backoff: Backoff(base: .milliseconds(5), cap: .milliseconds(100)))
        try await executor.run { connection in try connection.command("SET", "kept", "yes") }
        server.kill()
        try server.restart()
        let value = try await executor.run(retry: .idempotent(maxAttempts: 50)) { connection in
            try connection.command("GET", "kept").string
        }
        #expect(value == "yes")
        await executor.shutdown()
    }
}
