import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// The deployment marker: created once, never silently re-created, and without it no lane
/// operation writes; after a recovery no stale lease matches a new one.
struct DeploymentMarkerTests {
    let due: Int64 = 1_900_000_000_000

    /// Every key of the deployment with its value's dump, to show that nothing was written.
    private func contents(_ context: LaneTestContext) throws -> [String: String] {
        let connection = context.store.connection
        let keys = try connection.command(["KEYS", "*"].map { Array($0.utf8) }).array?.compactMap(\.string) ?? []
        var result: [String: String] = [:]
        for key in keys {
            result[key] = "\(try connection.command([Array("DUMP".utf8), Array(key.utf8)]))"
        }
        return result
    }

    private func deleteMarker(_ context: LaneTestContext) throws {
        _ = try context.store.connection.command([Array("DEL".utf8), context.store.keys.deployment])
    }

    @Test func withoutTheMarkerNoOperationWrites() throws {
        let context = try LaneTestContext()
        let store = context.store
        _ = try store.submit([LaneTestContext.entry("a", .standard, due: due), LaneTestContext.entry("b", .sameBusinessDay, due: due)])
        let claimed = try #require(try store.claim(worker: "w", batchSize: 1).tickets.first)
        try deleteMarker(context)
        let before = try contents(context)

        let operations: [(String, () throws -> Void)] = [
            ("submit", { _ = try store.submit([LaneTestContext.entry("c", .standard, due: self.due)]) }),
            ("claim", { _ = try store.claim(worker: "w", batchSize: 10) }),
            ("acknowledge", { _ = try store.acknowledge([claimed.lease], journalWorker: "w") }),
            ("dead-letter", { _ = try store.deadLetter([(claimed.lease, "{}")]) }),
            ("retry", { _ = try store.retry(claimed.lease, after: .seconds(1)) }),
            ("release", { _ = try store.release([claimed.lease]) }),
            ("renew", { _ = try store.renew([claimed.lease]) }),
            ("reap", { _ = try store.reap() }),
            ("requeue", { _ = try store.requeueInFlight(ofWorker: "w") }),
            ("promote", { _ = try store.promote() }),
            ("requeue dead letters", { _ = try store.requeueDeadLetters([]) }),
            ("purge dead letters", { _ = try store.purgeDeadLetters() }),
            ("high volume", { _ = try store.setHighVolume(brand: "mejurn", on: true) }),
            ("quarantine", { _ = try store.quarantine(id: "q", infoJSON: "{}", raw: Array("raw".utf8)) }),
            ("restore dedupe", { _ = try store.restoreDedupe([("x", 1)]) }),
        ]
        for (name, operation) in operations {
            #expect(throws: LanesError.self, "\(name) must refuse") { try operation() }
            do {
                try operation()
            } catch LanesError.deploymentMissing {
            } catch {
                Issue.record("\(name): expected deploymentMissing, got \(error)")
            }
        }
        #expect(try contents(context) == before, "an operation wrote to a deployment without its marker")
        #expect(try store.isDeployed() == false)
        #expect(try store.holdsLaneData())
    }

    @Test func aMarkerIsCreatedOnceAndNeverOverOtherData() throws {
        let context = try LaneTestContext()
        let store = context.store
        let first = try #require(try store.deployment())
        #expect(first.origin == .initialized && first.schema == DeploymentRecord.currentSchema && first.fenceBase == 0)
        #expect(try store.createDeployment(origin: .initialized, release: "test") == .markerPresent(first))
        #expect(try store.createDeployment(origin: .recovered, release: "test") == .markerPresent(first))

        _ = try store.submit([LaneTestContext.entry("a", .standard, due: due)])
        try deleteMarker(context)
        #expect(try store.createDeployment(origin: .initialized, release: "test") == .refusedExistingData)
        guard case let .created(adopted) = try store.createDeployment(origin: .adopted, release: "test") else {
            Issue.record("adopting existing data must write the marker")
            return
        }
        #expect(adopted.origin == .adopted && adopted.id != first.id && adopted.fenceBase == 0)
        #expect(try store.claim(worker: "w", batchSize: 1).tickets.map(\.lease.id) == ["a"])

        _ = try store.connection.command([Array("FLUSHDB".utf8)])
        #expect(try store.createDeployment(origin: .adopted, release: "test") == .refusedNoData)
        #expect(try store.deployment() == nil)
    }

    @Test func afterARecoveryStaleLeasesNeverMatchAndLostTicketsKeepTheirOutcome() throws {
        let context = try LaneTestContext()
        let store = context.store
        _ = try store.submit(["lost", "back", "dead"].map { LaneTestContext.entry($0, .standard, due: due) })
        let held = try store.claim(worker: "w", batchSize: 3).tickets
        let lease = { (id: String) in held.first { $0.lease.id == id }!.lease }

        // Redis loses everything; the operator recovers and resubmits "back" from its source.
        _ = try store.connection.command([Array("FLUSHDB".utf8)])
        guard case let .created(record) = try store.createDeployment(origin: .recovered, release: "test") else {
            Issue.record("recovery must write the marker")
            return
        }
        #expect(record.origin == .recovered && record.fenceBase > held.map(\.lease.token).max()!)
        _ = try store.submit([LaneTestContext.entry("back", .standard, due: due)])
        let again = try #require(try store.claim(worker: "w2", batchSize: 1).tickets.first)
        #expect(again.lease.token >= record.fenceBase, "new tokens start above every token issued before")

        // The lost ticket's committed outcome stands (nothing else can hold it); the resubmitted
        // one belongs to its new delivery, so the old lease is refused.
        #expect(try store.acknowledge([lease("lost")]) == [true])
        #expect(try store.deadLetter([(lease("dead"), "{}")]) == [true])
        #expect(try store.acknowledge([lease("back")]) == [false])
        #expect(try store.renew([lease("back")]) == [false])
        #expect(try store.acknowledge([again.lease]) == [true])
        #expect(try store.snapshot().deadLetters == 0, "a lost ticket's dead letter is not re-created")
    }

    @Test func restoredDedupeEntriesMakeResubmitsDuplicates() throws {
        let context = try LaneTestContext()
        let now = LaneTestContext.nowMillis
        #expect(try context.store.restoreDedupe([("handled-1", now), ("handled-2", now)]) == 2)
        #expect(try context.store.restoreDedupe([("handled-1", now)]) == 0)
        let flags = try context.store.submit(["handled-1", "handled-2", "new"].map { LaneTestContext.entry($0, .standard, due: due) })
        #expect(flags == [.duplicate, .duplicate, .accepted])
    }
}
