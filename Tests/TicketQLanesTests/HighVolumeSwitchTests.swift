import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// The high-volume switch history kept per brand in Redis.
struct HighVolumeSwitchTests {
    @Test func changesAreKeptInInstantOrderAndTheLaterRecordedWinsATie() throws {
        let context = try LaneTestContext()
        let store = context.store
        #expect(try store.setHighVolume(brand: "b", on: true, atMillis: 2_000) == 2_000)
        try store.setHighVolume(brand: "b", on: false, atMillis: 3_000)
        try store.setHighVolume(brand: "b", on: true, atMillis: 1_000)
        try store.setHighVolume(brand: "b", on: false, atMillis: 2_000)
        try store.setHighVolume(brand: "b", on: true, atMillis: -5_000)
        let changes = try store.highVolumeChanges(brand: "b")
        #expect(changes.map(\.atMillis) == [-5_000, 1_000, 2_000, 2_000, 3_000])
        #expect(changes.map(\.on) == [true, true, true, false, false])
        let stored = try store.connection.command([Array("HGET".utf8), store.keys.key(.highVolume), Array("b".utf8)]).string
        #expect(stored == "[[-5000,1],[1000,1],[2000,1],[2000,0],[3000,0]]")
    }

    @Test func brandsAreIndependentAndUnswitchedBrandsAreAbsent() throws {
        let context = try LaneTestContext()
        try context.store.setHighVolume(brand: "one", on: true, atMillis: 1_764_230_400_000)
        try context.store.setHighVolume(brand: "two", on: false, atMillis: 1_764_230_400_001)
        let all = try context.store.highVolumeChanges()
        #expect(all.keys.sorted() == ["one", "two"])
        #expect(all["one"]?.map(\.on) == [true])
        #expect(all["two"]?.map(\.atMillis) == [1_764_230_400_001])
        #expect(try context.store.highVolumeChanges(brand: "three").isEmpty)
    }

    @Test func withoutAnInstantTheServerClockIsUsed() throws {
        let context = try LaneTestContext()
        let time = try #require(try context.store.connection.command("TIME").array)
        let serverNow = try #require(time[0].int) * 1000
        let recorded = try context.store.setHighVolume(brand: "b", on: true)
        #expect(recorded >= serverNow)
        #expect(try context.store.highVolumeChanges(brand: "b").map(\.atMillis) == [recorded])
    }

    @Test func theHistoryIsBoundedToTheMostRecentChanges() throws {
        let context = try LaneTestContext()
        let limit = LaneStore.highVolumeHistoryLimit
        for index in 0..<(limit + 25) {
            try context.store.setHighVolume(brand: "b", on: index % 2 == 0, atMillis: Int64(index) * 1000)
        }
        let changes = try context.store.highVolumeChanges(brand: "b")
        #expect(changes.count == limit)
        #expect(changes.first?.atMillis == 25_000)
        #expect(changes.last?.atMillis == Int64(limit + 24) * 1000)
    }

    @Test func concurrentRecordersNeverLoseAChange() async throws {
        let context = try LaneTestContext()
        let url = context.server.url
        let keys = context.store.keys
        try await withThrowingTaskGroup(of: Void.self) { group in
            for recorder in 0..<4 {
                group.addTask {
                    try await Self.onOwnThread {
                        let store = LaneStore(connection: try RedisConnection(url: try RedisURL(url)), keys: keys)
                        for index in 0..<50 {
                            try store.setHighVolume(brand: "b", on: index % 2 == 0, atMillis: Int64(index * 4 + recorder))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let changes = try context.store.highVolumeChanges(brand: "b")
        #expect(changes.map(\.atMillis) == (0..<200).map(Int64.init))
    }

    /// Runs blocking Redis work on a thread of its own, off the cooperative pool.
    static func onOwnThread(_ body: @escaping @Sendable () throws -> Void) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }
}
