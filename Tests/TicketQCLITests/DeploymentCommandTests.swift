import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// `ticketq deployment init|show|recover` and what `status` says without the marker, including
/// the upgrade of a deployment written by the release before markers.
struct DeploymentCommandTests {
    @Test func aDeploymentFromTheReleaseBeforeMarkersIsAdoptedWithItsTickets() throws {
        let context = try OperatorTestContext()
        try context.submit(["a", "b", "c"])
        _ = try context.claimAndDeadLetter()
        try context.submit(["d", "e"])
        // The release before markers wrote exactly these keys, and no marker.
        _ = try context.lanes.connection.command([Array("DEL".utf8), context.lanes.keys.deployment])

        let status = try context.run(["status"])
        #expect(status.status == 1 && status.stdout.hasPrefix("DEPLOYMENT MARKER MISSING"), "\(status.stdout)")
        #expect(status.stdout.contains("ticketq deployment recover") && status.stdout.contains("ticketq deployment init"))
        let json = try context.run(["status", "--json"])
        let marker = try OperatorTestContext.object(json.stdout)["deployment"] as? [String: Any]
        #expect(json.status == 1 && marker?["present"] as? Bool == false && marker?["problem"] is String)
        #expect(throws: LanesError.self) {
            _ = try context.lanes.submit([LaneEntry(id: "f", lane: .standard, dueMillis: 1, promoteAtMillis: nil, enqueuedMillis: 1, contentDigest: "", payload: [])])
        }

        let plain = try context.run(["deployment", "init"])
        #expect(plain.status == 1 && plain.stderr.contains("--adopt"), "\(plain.stderr)")
        let adopted = try context.run(["deployment", "init", "--adopt"])
        #expect(adopted.status == 0 && adopted.stdout.hasPrefix("adopted deployment "), "\(adopted.stdout)\(adopted.stderr)")
        let shown = try context.run(["deployment", "show"])
        #expect(shown.status == 0 && shown.stdout.contains(": adopted "), "\(shown.stdout)")

        let after = try OperatorTestContext.object(try context.run(["status", "--json"]).stdout)
        let lanes = after["lanes"] as? [String: [String: Any]] ?? [:]
        #expect(lanes.values.compactMap { $0["depth"] as? Int }.reduce(0, +) == 2 && after["dead_letter"] as? Int == 3)
        #expect(try context.lanes.claim(worker: "w", batchSize: 10).tickets.count == 2)
    }

    @Test func initIsIdempotentAndRecoverNeedsConfirmationAndALoss() throws {
        let context = try OperatorTestContext()
        let again = try context.run(["deployment", "init"])
        #expect(again.status == 0 && again.stdout.hasPrefix("already initialised"), "\(again.stdout)\(again.stderr)")
        let unconfirmed = try context.run(["deployment", "recover"])
        #expect(unconfirmed.status == 64 && unconfirmed.stderr.contains("--yes"))
        let nothing = try context.run(["deployment", "recover", "--yes"])
        #expect(nothing.status == 0 && nothing.stdout.hasPrefix("nothing to recover"), "\(nothing.stdout)")
        let badStore = try context.run(["deployment", "recover", "--yes", "--store", context.directory.file("missing.db").path])
        #expect(badStore.status == 1 && badStore.stderr.contains("missing.db"), "\(badStore.stderr)")

        _ = try context.lanes.connection.command([Array("FLUSHDB".utf8)])
        let shown = try context.run(["deployment", "show"])
        #expect(shown.status == 1 && shown.stderr.contains("deployment marker is missing"))
        let recovered = try context.run(["deployment", "recover", "--yes"])
        #expect(recovered.status == 0 && recovered.stdout.hasPrefix("recovered: deployment "), "\(recovered.stdout)\(recovered.stderr)")
        #expect(try context.lanes.deployment()?.origin == .recovered)
        #expect(try context.run(["status"]).status == 0)
    }
}

/// `ticketq deployment init --partitions` and a command over a partitioned deployment.
struct DeploymentPartitionCommandTests {
    @Test func thePartitionCountIsSetAtInitAndRefusedLater() throws {
        let context = try OperatorTestContext(partitions: 8)
        try context.submit((0..<50).map { "p-\($0)" })
        let shown = try context.run(["deployment", "show"])
        #expect(shown.status == 0 && shown.stdout.contains("8 partitions"), "\(shown.stdout)\(shown.stderr)")
        let same = try context.run(["deployment", "init", "--partitions", "8"])
        #expect(same.status == 0 && same.stdout.hasPrefix("already initialised"), "\(same.stdout)\(same.stderr)")
        let changed = try context.run(["deployment", "init", "--partitions", "4"])
        #expect(changed.status == 1 && changed.stderr.contains("has 8 partitions") && changed.stderr.contains("changed to 4"), "\(changed.stderr)")
        let outOfRange = try context.run(["deployment", "init", "--partitions", "0"])
        #expect(outOfRange.status == 64 && outOfRange.stderr.contains("--partitions"), "\(outOfRange.stderr)")
        let adopting = try context.run(["deployment", "init", "--adopt", "--partitions", "2"])
        #expect(adopting.status == 64 && adopting.stderr.contains("--adopt"), "\(adopting.stderr)")
        let status = try OperatorTestContext.object(try context.run(["status", "--json"]).stdout)
        let lanes = status["lanes"] as? [String: [String: Any]] ?? [:]
        #expect(lanes["standard"]?["depth"] as? Int == 50, "\(status)")
    }

    @Test func aNewDeploymentOfSeveralPartitionsIsInitialisedByTheCommand() throws {
        let context = try OperatorTestContext()
        _ = try context.lanes.connection.command([Array("FLUSHDB".utf8)])
        let created = try context.run(["deployment", "init", "--partitions", "3"])
        #expect(created.status == 0 && created.stdout.hasPrefix("initialised deployment "), "\(created.stdout)\(created.stderr)")
        for partition in 0..<3 {
            #expect(try context.lanes.connection.command("HGET", "{ops:p\(partition)}:deployment", "partition").string == String(partition))
        }
        #expect(try context.lanes.connection.command("HGET", "{ops}:deployment", "partitions").string == "3")
    }
}
