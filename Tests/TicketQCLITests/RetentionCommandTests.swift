import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// `ticketq deployment retention` and the limits `deployment init` writes.
struct RetentionCommandTests {
    @Test func limitsAreShownChangedOneAtATimeAndBadValuesAreNamed() throws {
        let context = try OperatorTestContext()
        let shown = try context.run(["deployment", "retention"])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.contains("dead letters: kept 30d, at most 1GiB") && shown.stdout.contains("quarantine:   kept 30d, at most 512MiB"), "\(shown.stdout)")

        let changed = try context.run(["deployment", "retention", "--dead-letter-retention", "7d", "--quarantine-max-bytes", "64MiB"])
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout.contains("dead letters: kept 7d, at most 1GiB") && changed.stdout.contains("kept 30d, at most 64MiB"), "\(changed.stdout)")
        let policy = try context.lanes.retentionPolicy()
        #expect(policy.deadLetterMaxAgeMillis == 7 * 86_400_000 && policy.quarantineMaxBytes == 64 << 20)
        #expect(policy.deadLetterMaxBytes == RetentionPolicy.defaults.deadLetterMaxBytes)

        for (option, value) in [("--dead-letter-retention", "soon"), ("--quarantine-max-bytes", "lots"), ("--dead-letter-max-bytes", "0")] {
            let refused = try context.run(["deployment", "retention", option, value])
            #expect(refused.status == 64 && refused.stderr.contains(option) && refused.stderr.contains("\"\(value)\""), "\(option): \(refused.stderr)")
        }
        #expect(try context.lanes.retentionPolicy() == policy)
    }

    @Test func initWritesTheLimitsItIsGiven() throws {
        let server = try RedisServerProcess()
        let output = try ProcessRunner.run(
            ProcessRunner.product("ticketq"),
            ["deployment", "init", "--redis", server.url, "--namespace", "fresh", "--dead-letter-max-bytes", "10MB"],
            environment: OperatorTestContext.cleanEnvironment
        )
        #expect(output.status == 0, "\(output.stderr)")
        let shown = try ProcessRunner.run(
            ProcessRunner.product("ticketq"), ["deployment", "retention", "--redis", server.url, "--namespace", "fresh"],
            environment: OperatorTestContext.cleanEnvironment
        )
        #expect(shown.stdout.contains("at most 10000000 bytes"), "\(shown.stdout)")
    }
}
