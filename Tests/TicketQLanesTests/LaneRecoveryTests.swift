import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// Leases, fencing, reaping, release, retries and dead letters.
struct LaneRecoveryTests {
    let due: Int64 = 1_900_000_000_000

    @Test func expiredLeaseIsReapedAndRedeliveredAndTheStaleAckIsRefused() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(leaseDuration: .milliseconds(150)))
        _ = try context.store.submit([LaneTestContext.entry("t", .standard, due: due)])
        let first = try #require(try context.store.claim(worker: "slow", batchSize: 1).tickets.first)
        Thread.sleep(forTimeInterval: 0.3)
        let reaped = try context.store.reap()
        #expect(reaped.expiredLeases == 1)
        let second = try #require(try context.store.claim(worker: "fast", batchSize: 1).tickets.first)
        #expect(second.lease.id == "t")
        #expect(second.attempts == 2)
        #expect(second.lease.token > first.lease.token)
        // The paused worker's ack carries a stale token.
        #expect(try context.store.acknowledge([first.lease]) == [false])
        #expect(try context.store.renew([first.lease]) == [false])
        #expect(try context.store.acknowledge([second.lease]) == [true])
        let snapshot = try context.store.snapshot()
        #expect(snapshot.inFlight == 0)
        #expect(snapshot.lanes.values.allSatisfy { $0.depth == 0 })
    }

    @Test func renewedLeasesSurviveTheReaper() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(leaseDuration: .milliseconds(400)))
        _ = try context.store.submit([LaneTestContext.entry("t", .standard, due: due)])
        let claimed = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        for _ in 0..<4 {
            Thread.sleep(forTimeInterval: 0.15)
            #expect(try context.store.renew([claimed.lease]) == [true])
            #expect(try context.store.reap().expiredLeases == 0)
        }
        #expect(try context.store.acknowledge([claimed.lease]) == [true])
    }

    @Test func deadWorkersTicketsReturnAtOnceAndTheWorkerLeavesTheRegistry() throws {
        let context = try LaneTestContext()
        _ = try context.store.submit((0..<3).map { LaneTestContext.entry("t\($0)", .standard, due: due) })
        #expect(try context.store.register(worker: "doomed", instance: "i1", recordJSON: "{}", ttl: .milliseconds(200)))
        #expect(try context.store.register(worker: "alive", instance: "i2", recordJSON: "{}", ttl: .seconds(30)))
        #expect(try context.store.register(worker: "alive", instance: "other", recordJSON: "{}", ttl: .seconds(30)) == false)
        let claimed = try context.store.claim(worker: "doomed", batchSize: 3)
        #expect(claimed.tickets.count == 3)
        Thread.sleep(forTimeInterval: 0.3)
        let reaped = try context.store.reap()
        #expect(reaped.orphaned == 3)
        #expect(reaped.deadWorkers == ["doomed"])
        #expect(try context.store.workers().keys.sorted() == ["alive"])
        // Tickets of a dead worker are suspects, claimed apart from the lanes.
        #expect(try context.store.claim(worker: "alive", batchSize: 10).suspectsWaiting == 3)
        let together = try context.store.claim(worker: "alive", batchSize: 10, scope: .suspect).tickets
        #expect(together.count == 3 && together.allSatisfy { $0.crashedDeliveries == 1 })
        #expect(try context.store.claim(worker: "alive", batchSize: 10, scope: .suspect).tickets.isEmpty)
    }

    @Test func restartedWorkerRequeuesItsOrphans() throws {
        let context = try LaneTestContext()
        _ = try context.store.submit((0..<4).map { LaneTestContext.entry("t\($0)", .standard, due: due) })
        _ = try context.store.claim(worker: "w7", batchSize: 3)
        #expect(try context.store.requeueInFlight(ofWorker: "w7") == 3)
        #expect(try context.store.snapshot().lanes[.standard]?.queued == 4)
    }

    @Test func releaseReturnsTicketsWithoutCountingTheAttempt() throws {
        let context = try LaneTestContext()
        _ = try context.store.submit([LaneTestContext.entry("t", .extended, due: due)])
        let first = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(try context.store.release([first.lease]) == [true])
        let second = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(second.attempts == 1)
        #expect(second.lane == .extended)
    }

    @Test func retryWaitsOutItsBackoffThenReturnsToTheLane() throws {
        let context = try LaneTestContext()
        _ = try context.store.submit([LaneTestContext.entry("t", .standard, due: due)])
        let first = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(try context.store.retry(first.lease, after: .milliseconds(200)))
        #expect(try context.store.claim(worker: "w", batchSize: 1).tickets.isEmpty)
        Thread.sleep(forTimeInterval: 0.3)
        let second = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(second.attempts == 2)
        #expect(try context.store.retry(first.lease, after: .zero) == false)
    }

    @Test func deadLettersCanBeListedShownRequeuedAndPurged() throws {
        let context = try LaneTestContext()
        _ = try context.store.submit([LaneTestContext.entry("p1", .standard, due: due), LaneTestContext.entry("p2", .standard, due: due + 1)])
        let batch = try context.store.claim(worker: "w", batchSize: 2)
        let info = #"{"reason":"handler_failed","attempts":5,"last_error":"boom"}"#
        #expect(try context.store.deadLetter(batch.tickets.map { ($0.lease, info) }) == [true, true])
        #expect(try context.store.deadLetters().map(\.id) == ["p1", "p2"])
        let shown = try #require(try context.store.deadLetter(id: "p1"))
        #expect(shown.infoJSON == info)
        #expect(shown.payload == Array("payload-p1".utf8))
        #expect(try context.store.deadLetter(id: "nope") == nil)
        // A dead-lettered id is still live: resubmitting it is a duplicate.
        #expect(try context.store.submit([LaneTestContext.entry("p1", .standard, due: due)]) == [.duplicate])
        #expect(try context.store.requeueDeadLetters(["p1"]) == 1)
        let again = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
        #expect(again.lease.id == "p1")
        #expect(again.attempts == 1)
        #expect(try context.store.purgeDeadLetters() == 1)
        #expect(try context.store.deadLetters().isEmpty)
        #expect(try context.store.snapshot().deadLetters == 0)
    }

    @Test func refusedWritesSurfaceAsAServerError() throws {
        // The cap comes after the deployment is created: loading the function library is refused over it too.
        let context = try LaneTestContext()
        try context.store.connection.command("CONFIG", "SET", "maxmemory-policy", "noeviction")
        try context.store.connection.command("CONFIG", "SET", "maxmemory", "1mb")
        let big = String(repeating: "x", count: 64 * 1024)
        var refused: LanesError?
        for round in 0..<64 where refused == nil {
            do {
                _ = try context.store.submit([LaneTestContext.entry("t\(round)", .standard, due: due, payload: big)])
            } catch {
                refused = error
            }
        }
        let error = try #require(refused)
        guard case let .redis(redisError) = error else { Issue.record("expected a Redis error, got \(error)"); return }
        #expect(redisError.serverError?.code == "OOM")
    }
}
