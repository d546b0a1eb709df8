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
        #expect(stored == #"{"v":1,"changes":[[-5000,1],[1000,1],[2000,1],[2000,0],[3000,0]]}"#)
    }

    /// Releases before the version field stored the bare array: it still reads, and the brand's
    /// next change rewrites it in the current form with the old changes kept.
    @Test func aHistoryWrittenByTheRecordingScriptOfAnEarlierReleaseReadsAndIsRewritten() throws {
        let context = try LaneTestContext()
        let store = context.store
        let key = store.keys.key(.highVolume)
        try store.connection.command([Array("HSET".utf8), key, Array("b".utf8), Array("[[1000,1],[4000,0]]".utf8)])
        #expect(try store.highVolumeChanges(brand: "b").map(\.atMillis) == [1_000, 4_000])
        try store.setHighVolume(brand: "b", on: true, atMillis: 2_000)
        let stored = try store.connection.command([Array("HGET".utf8), key, Array("b".utf8)]).string
        #expect(stored == #"{"v":1,"changes":[[1000,1],[2000,1],[4000,0]]}"#)
        #expect(try store.highVolumeChanges()["b"]?.map(\.on) == [true, true, false])
    }

    /// A history that is not one (or is of a newer release) is reported with the brand named,
    /// and the recording function refuses to write over it rather than lose it.
    @Test func anUnreadableHistoryIsNamedAndNotOverwritten() throws {
        let context = try LaneTestContext()
        let store = context.store
        let key = store.keys.key(.highVolume)
        for (brand, value) in [("broken", "[[1000,7]]"), ("newer", #"{"v":2,"changes":[]}"#)] {
            try store.connection.command([Array("HSET".utf8), key, Array(brand.utf8), Array(value.utf8)])
            let error = #expect(throws: LanesError.self) { try store.highVolumeChanges(brand: brand) }
            #expect("\(error.map { "\($0)" } ?? "")".contains("brand \"\(brand)\""))
            #expect(throws: (any Error).self) { try store.setHighVolume(brand: brand, on: true, atMillis: 5_000) }
            #expect(try store.connection.command([Array("HGET".utf8), key, Array(brand.utf8)]).string == value)
        }
        #expect(throws: LanesError.self) { try store.highVolumeChanges() }
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
