import Foundation
import TicketQCore
@testable import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// A deployment spread over partitions: the same outcomes as one partition, keys under each
/// partition's hash tag, a partition count fixed at creation, and a lost partition marker.
struct LanePartitionTests {
    private static let due: Int64 = 1_900_000_000_000

    /// What a run of the same input did: verdicts, how each ticket ended, and the final figures.
    private struct Run: Equatable {
        var verdicts: [SubmitVerdict] = []
        var acknowledged: Set<String> = []
        var deadLettered: Set<String> = []
        var released = 0
        var claimedUrgentFirst = true
        var figures: [Int] = []
        var deadLetterIDs: Set<String> = []
    }

    private func entries() -> [LaneEntry] {
        var entries: [LaneEntry] = []
        for index in 0..<300 {
            let lane: Lane = index % 7 == 0 ? .sameBusinessDay : (index % 3 == 0 ? .extended : .standard)
            entries.append(LaneTestContext.entry("t-\(index)", lane, due: Self.due + Int64((index * 7919) % 1000)))
        }
        // Duplicates and conflicting resubmits, in the same batches as new tickets.
        for index in 0..<20 { entries.append(LaneTestContext.entry("t-\(index * 11)", index * 11 % 7 == 0 ? .sameBusinessDay : (index * 11 % 3 == 0 ? .extended : .standard), due: Self.due + Int64((index * 11 * 7919) % 1000))) }
        for index in 0..<5 { entries.append(LaneTestContext.entry("t-\(index * 13)", .standard, due: Self.due, payload: "other text \(index)")) }
        return entries
    }

    private func drive(partitions: Int) throws -> Run {
        let context = try LaneTestContext(partitions: partitions)
        let store = context.store
        var run = Run()
        let all = entries()
        for start in stride(from: 0, to: all.count, by: 64) {
            run.verdicts += try store.submit(Array(all[start..<min(start + 64, all.count)]))
        }
        var releasedOnce: Set<String> = []
        while true {
            let batch = try store.claim(worker: "w", batchSize: 37)
            if batch.tickets.isEmpty { break }
            let lanes = batch.tickets.map(\.lane)
            if let firstLower = lanes.firstIndex(where: { $0 != .sameBusinessDay }), lanes[firstLower...].contains(.sameBusinessDay) {
                run.claimedUrgentFirst = false
            }
            var acks: [TicketLease] = []
            var dead: [(lease: TicketLease, infoJSON: String)] = []
            var release: [TicketLease] = []
            for ticket in batch.tickets {
                let number = Int(ticket.lease.id.dropFirst(2)) ?? 0
                if number % 5 == 0 {
                    dead.append((ticket.lease, "{\"reason\":\"test\"}"))
                } else if number % 5 == 1, !releasedOnce.contains(ticket.lease.id) {
                    releasedOnce.insert(ticket.lease.id)
                    release.append(ticket.lease)
                } else {
                    acks.append(ticket.lease)
                }
            }
            #expect(try store.acknowledge(acks).allSatisfy { $0 })
            #expect(try store.deadLetter(dead).allSatisfy { $0 })
            #expect(try store.release(release).allSatisfy { $0 })
            run.acknowledged.formUnion(acks.map(\.id))
            run.deadLettered.formUnion(dead.map(\.lease.id))
            run.released += release.count
        }
        let snapshot = try store.snapshot()
        run.figures = [snapshot.inFlight, snapshot.deadLetters, snapshot.dedupeEntries] + Lane.allCases.map { snapshot.lanes[$0]?.depth ?? -1 }
        run.deadLetterIDs = Set(try store.deadLetters().map(\.id))
        if partitions > 1 {
            // Every partition holds its share under its own hash tag, and the root holds no tickets.
            let connection = store.connection
            var used = 0
            for partition in store.keys.allPartitions where try connection.command([Array("EXISTS".utf8), partition.key(.seen)]).int == 1 {
                used += 1
            }
            #expect(used == partitions)
            #expect(try connection.command("EXISTS", "{test}:seen", "{test}:dead", "{test}:lane:standard").int == 0)
            #expect(try connection.command("EXISTS", "{test:p3}:seen", "{test:p3}:dead").int == 2)
        }
        return run
    }

    @Test func eightPartitionsGiveTheSameOutcomesAsOne() throws {
        let one = try drive(partitions: 1)
        let eight = try drive(partitions: 8)
        #expect(one.verdicts.filter { $0 == .accepted }.count == 300)
        #expect(one.verdicts.filter { $0 == .duplicate }.count == 20)
        #expect(one.verdicts.filter { $0 == .conflict }.count == 5)
        #expect(one.acknowledged.count + one.deadLettered.count == 300 && one.released == 60)
        #expect(one.claimedUrgentFirst && eight.claimedUrgentFirst)
        #expect(one == eight)
    }

    @Test func anUrgentClaimTakesTheSameBusinessDayLaneOfEveryPartitionFirst() throws {
        let context = try LaneTestContext(partitions: 8)
        var entries: [LaneEntry] = []
        for index in 0..<300 { entries.append(LaneTestContext.entry("s-\(index)", .standard, due: Self.due - 1_000_000 + Int64(index))) }
        for index in 0..<8 { entries.append(LaneTestContext.entry("u-\(index)", .sameBusinessDay, due: Self.due + Int64(index))) }
        #expect(try context.store.submit(entries).allSatisfy { $0 == .accepted })
        let spread = Set((0..<8).map { LanePartitioning.partition(of: "u-\($0)", count: 8) })
        #expect(spread.count > 1)
        let batch = try context.store.claim(worker: "w", batchSize: 8)
        #expect(batch.tickets.map(\.lease.id).sorted() == (0..<8).map { "u-\($0)" })
        let urgent = try context.store.claim(worker: "w", batchSize: 4, scope: .urgentOnly)
        #expect(urgent.tickets.isEmpty)
        // The lower tier earliest deadline first over the partitions: the 100 earliest of 300.
        let lower = try context.store.claim(worker: "w", batchSize: 100)
        let numbers = lower.tickets.compactMap { Int($0.lease.id.dropFirst(2)) }
        #expect(numbers.count == 100 && numbers.max() ?? 300 < 130)
    }

    @Test func thePartitionCountIsFixedWhenTheDeploymentIsCreated() throws {
        let context = try LaneTestContext(partitions: 8)
        let refusal = Result { () throws(LanesError) in try context.store.createDeployment(origin: .initialized, release: "test", partitions: 4) }
        guard case let .failure(.partitionCountFixed(stored, requested)) = refusal else {
            Issue.record("changing the partition count was not refused: \(refusal)")
            return
        }
        #expect(stored == 8 && requested == 4)
        #expect("\(LanesError.partitionCountFixed(stored: 8, requested: 4))".contains("has 8 partitions"))
        guard case let .markerPresent(record) = try context.store.createDeployment(origin: .initialized, release: "test", partitions: 8) else {
            Issue.record("a second init with the same count should find the marker")
            return
        }
        #expect(record.partitions == 8 && record.partition == nil)
        for partition in context.store.keys.allPartitions {
            let fields = try context.store.hashFields(partition.deployment, "test")
            let marker = try DeploymentRecord(fields: fields)
            #expect(marker.partitions == 8 && marker.partition == partition.partition && marker.id == record.id)
        }
        // Another process reads the count from Redis.
        let resolved = try LaneStore.resolvedKeys(try LaneKeys(namespace: "test"), connection: context.store.connection)
        #expect(resolved == context.store.keys)
    }

    @Test func aProcessThatAddressesSeveralPartitionsAsOneIsRefused() throws {
        let context = try LaneTestContext(partitions: 4)
        let wrong = LaneStore(connection: context.store.connection, keys: try LaneKeys(namespace: "test"))
        let refusal = Result { () throws(LanesError) in try wrong.submit([LaneTestContext.entry("a", .standard, due: Self.due)]) }
        guard case let .failure(.partitionsMismatch(message)) = refusal else {
            Issue.record("a submit addressed to the root of a partitioned deployment was not refused: \(refusal)")
            return
        }
        #expect(message.contains("4 partitions") && message.contains("restart"))
        #expect(throws: LanesError.self) { _ = try wrong.claim(worker: "w", batchSize: 10) }
        #expect(try context.store.snapshot().lanes.values.allSatisfy { $0.depth == 0 })
    }

    @Test func aPartitionThatLostItsMarkerRefusesUntilRecovered() throws {
        let context = try LaneTestContext(partitions: 4)
        let store = context.store
        let ids = (0..<40).map { "id-\($0)" }
        let lost = store.keys.partition(2)
        _ = try store.connection.command([Array("DEL".utf8), lost.deployment])
        let inLost = ids.filter { LanePartitioning.partition(of: $0, count: 4) == 2 }
        let elsewhere = ids.filter { LanePartitioning.partition(of: $0, count: 4) != 2 }
        #expect(!inLost.isEmpty && !elsewhere.isEmpty)
        #expect(try store.submit(elsewhere.map { LaneTestContext.entry($0, .standard, due: Self.due) }).allSatisfy { $0 == .accepted })
        #expect(throws: LanesError.self) { _ = try store.submit(inLost.map { LaneTestContext.entry($0, .standard, due: Self.due) }) }
        guard case let .created(record) = try store.createDeployment(origin: .recovered, release: "test") else {
            Issue.record("recovering a lost partition marker should write it")
            return
        }
        #expect(record.partitions == 4)
        let rewritten = try DeploymentRecord(fields: try store.hashFields(lost.deployment, "test"))
        #expect(rewritten.origin == .recovered && rewritten.partition == 2 && rewritten.fenceBase > 0)
        #expect(try store.submit(inLost.map { LaneTestContext.entry($0, .standard, due: Self.due) }).allSatisfy { $0 == .accepted })
        #expect(try store.snapshot().lanes[.standard]?.queued == 40)
    }
}
