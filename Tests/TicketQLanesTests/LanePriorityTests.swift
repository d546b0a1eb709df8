import TicketQCore
import TicketQLanes
import Testing

/// Claim order: urgent lane first, earliest deadline first, with the lower tier's floor.
struct LanePriorityTests {
    @Test func urgentFirstThenEarliestDeadlineAcrossTheLowerTier() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(lowerTierShare: 0))
        let base: Int64 = 1_900_000_000_000
        _ = try context.store.submit([
            LaneTestContext.entry("std-late", .standard, due: base + 5000),
            LaneTestContext.entry("ext-mid", .extended, due: base + 3000),
            LaneTestContext.entry("sbd-late", .sameBusinessDay, due: base + 9000),
            LaneTestContext.entry("std-early", .standard, due: base + 1000),
            LaneTestContext.entry("sbd-early", .sameBusinessDay, due: base + 2000),
        ])
        let batch = try context.store.claim(worker: "w1", batchSize: 10)
        #expect(batch.tickets.map(\.lease.id) == ["sbd-early", "sbd-late", "std-early", "ext-mid", "std-late"])
        #expect(batch.tickets.map(\.attempts) == [1, 1, 1, 1, 1])
        #expect(batch.tickets[3].lane == .extended)
        #expect(batch.tickets[0].payload == Array("payload-sbd-early".utf8))
        #expect(Set(batch.tickets.map(\.lease.token)).count == 5)
    }

    @Test func lowerTierGetsItsMinimumShareUnderAnUrgentFlood() throws {
        let context = try LaneTestContext(configuration: LaneConfiguration(lowerTierShare: 0.10))
        let base: Int64 = 1_900_000_000_000
        _ = try context.store.submit((0..<500).map { LaneTestContext.entry("u\($0)", .sameBusinessDay, due: base + Int64($0)) })
        _ = try context.store.submit((0..<500).map { LaneTestContext.entry("l\($0)", .standard, due: base + Int64($0)) })
        var lower = 0
        var total = 0
        for _ in 0..<20 {
            let batch = try context.store.claim(worker: "w", batchSize: 10)
            total += batch.tickets.count
            lower += batch.tickets.filter { $0.lane == .standard }.count
        }
        #expect(total == 200)
        // Exactly the configured floor: 10 % of claims while both tiers have work.
        #expect(lower == 20)
    }

    @Test func emptyLanesClaimNothing() throws {
        let context = try LaneTestContext()
        let batch = try context.store.claim(worker: "w", batchSize: 50)
        #expect(batch.tickets.isEmpty)
        #expect(batch.serverTimeMillis > 1_600_000_000_000)
    }

    @Test func duplicateIdsAreAcceptedOnce() throws {
        let context = try LaneTestContext()
        let due: Int64 = 1_900_000_000_000
        let first = try context.store.submit([LaneTestContext.entry("a", .standard, due: due), LaneTestContext.entry("b", .standard, due: due)])
        #expect(first == [.accepted, .accepted])
        let second = try context.store.submit([LaneTestContext.entry("a", .standard, due: due), LaneTestContext.entry("c", .standard, due: due)])
        #expect(second == [.duplicate, .accepted])
        let batch = try context.store.claim(worker: "w", batchSize: 10)
        _ = try context.store.acknowledge(batch.tickets.map(\.lease))
        // Still inside the dedupe window after completion.
        #expect(try context.store.submit([LaneTestContext.entry("a", .standard, due: due)]) == [.duplicate])
    }

    @Test func snapshotCountsDepthsInFlightAndRetries() throws {
        let context = try LaneTestContext()
        let due: Int64 = 1_900_000_000_000
        _ = try context.store.submit((0..<5).map { LaneTestContext.entry("s\($0)", .standard, due: due + Int64($0)) })
        _ = try context.store.submit([LaneTestContext.entry("u", .sameBusinessDay, due: due - 5)])
        let batch = try context.store.claim(worker: "w", batchSize: 2)
        #expect(try context.store.retry(batch.tickets[1].lease, after: .seconds(60)))
        let snapshot = try context.store.snapshot()
        #expect(snapshot.inFlight == 1)
        #expect(snapshot.lanes[.sameBusinessDay]?.depth == 0)
        #expect(snapshot.lanes[.standard]?.queued == 4)
        #expect(snapshot.lanes[.standard]?.retrying == 1)
        #expect(snapshot.lanes[.standard]?.depth == 5)
        #expect(snapshot.lanes[.standard]?.earliestDueMillis == due + 1)
        #expect(snapshot.dedupeEntries == 6)
    }
}
