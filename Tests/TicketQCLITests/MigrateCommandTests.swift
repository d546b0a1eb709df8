import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// `ticketq migrate` and the upgrade of a deployment written by the release before the function
/// library (EVALSHA scripts over the same keys, no library loaded).
struct MigrateCommandTests {
    @Test func aDeploymentFromTheReleaseBeforeTheLibraryUpgradesWithEveryTicket() throws {
        let context = try OperatorTestContext()
        try context.submit(["dead-1", "dead-2"])
        _ = try context.claimAndDeadLetter()
        try context.submit(["flight-1", "flight-2", "retry-1"])
        let claimed = try context.lanes.claim(worker: "gone", batchSize: 3).tickets
        let retrying = try #require(claimed.first { $0.lease.id == "retry-1" })
        #expect(try context.lanes.retry(retrying.lease, after: .zero))
        try context.submit(["queued-1", "queued-2", "queued-3"], lane: .sameBusinessDay)
        #expect(try context.lanes.quarantine(id: "q-1", infoJSON: #"{"reason":"no_text"}"#, raw: Array("raw".utf8)).stored)
        // The release before the library left exactly this data, no function library and none of
        // retention's counts and limits.
        try context.lanes.connection.command("FUNCTION", "FLUSH")
        try context.lanes.connection.command("DEL", "{ops}:retention", "{ops}:dead:bytes", "{ops}:quarantine:bytes", "{ops}:quarantine:at")
        let keysBefore = try Self.dump(context)

        // A worker of this release refuses to start, naming the command, as a configuration error.
        let worker = try context.run(["worker", "--db", context.directory.file("w.db").path, "--metrics-addr", "127.0.0.1:0", "--id", "new"])
        #expect(worker.status == 78, "\(worker.stdout)\(worker.stderr)")
        #expect(worker.stderr.contains("ticketq migrate"), "\(worker.stderr)")
        // So does every operator command that runs a function, and nothing was written.
        let status = try context.run(["status"])
        #expect(status.status != 0 && status.stderr.contains("ticketq migrate"), "\(status.stdout)\(status.stderr)")
        #expect(try Self.dump(context) == keysBefore)

        let migrated = try context.run(["migrate"])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stdout.contains("function library ticketq version \(LaneLibrary.version) loaded"), "\(migrated.stdout)")
        #expect(migrated.stdout.contains("retention limits written") && migrated.stdout.contains("1 quarantined messages count their age from now"), "\(migrated.stdout)")
        let upgraded = try Self.dump(context)
        let again = try context.run(["migrate"])
        #expect(again.status == 0 && again.stdout.contains("already loaded"), "\(again.stdout)")
        #expect(!again.stdout.contains("retention limits written"), "\(again.stdout)")
        #expect(try Self.dump(context) == upgraded)
        // The data itself is untouched; retention's bookkeeping was added beside it.
        #expect(upgraded.filter { keysBefore[$0.key] != nil } == keysBefore)
        #expect(Set(upgraded.keys).subtracting(keysBefore.keys) == ["{ops}:retention", "{ops}:dead:bytes", "{ops}:quarantine:bytes", "{ops}:quarantine:at"])

        // Every ticket is where it was: 3 queued and 1 retrying (a lane's depth counts both), 2 in
        // flight, 2 dead letters, 1 quarantined.
        let after = try OperatorTestContext.object(try context.run(["status", "--json"]).stdout)
        let lanes = after["lanes"] as? [String: [String: Any]] ?? [:]
        #expect(lanes.values.compactMap { $0["depth"] as? Int }.reduce(0, +) == 4, "\(after)")
        #expect(after["in_flight"] as? Int == 2 && after["dead_letter"] as? Int == 2, "\(after)")
        #expect(try context.lanes.quarantined().keys.sorted() == ["q-1"])
        #expect(try context.lanes.requeueInFlight(ofWorker: "gone") == 2)
        var ids: [String] = []
        for attempt in 0..<20 {
            // The dead worker's two tickets are suspects, claimed one at a time.
            let batch = try context.lanes.claim(worker: "new", batchSize: 100, scope: attempt % 2 == 0 ? .allLanes(leavingUrgent: 0) : .suspect).tickets
            ids += batch.map(\.lease.id)
            #expect(try context.lanes.acknowledge(batch.map(\.lease)).allSatisfy { $0 })
            if ids.count >= 6 { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(ids.sorted() == ["flight-1", "flight-2", "queued-1", "queued-2", "queued-3", "retry-1"])
        #expect(try context.lanes.requeueDeadLetters([]) == 2)
    }

    @Test func withoutAMarkerMigrateLoadsTheLibraryAndSaysHowToCreateTheDeployment() throws {
        let server = try RedisServerProcess()
        let output = try ProcessRunner.run(
            ProcessRunner.product("ticketq"), ["migrate", "--redis", server.url, "--namespace", "fresh"],
            environment: OperatorTestContext.cleanEnvironment
        )
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.contains("loaded") && output.stdout.contains("ticketq deployment init"), "\(output.stdout)")
    }

    /// Every key of the namespace with its type and a digest of its value.
    static func dump(_ context: OperatorTestContext) throws -> [String: String] {
        let connection = context.lanes.connection
        let names = try connection.command("KEYS", "{\(context.lanes.keys.namespace)}:*").array?.compactMap(\.string) ?? []
        var result: [String: String] = [:]
        for name in names {
            let value = try connection.command("DUMP", name).bytes ?? []
            result[name] = "\(try connection.command("TYPE", name).string ?? "?"):\(value.count):\(value.hashValue)"
        }
        return result
    }
}
