import Testing
import TicketQLoad

/// Which tickets a Redis outage touched.
struct RedisOutagesTests {
    private let outages = RedisOutages([
        FaultEvent(kind: .killWorker, startMicros: 1_000, durationSeconds: 0, target: "worker-1"),
        FaultEvent(kind: .stallRedis, startMicros: 50_000_000, durationSeconds: 0.5, target: "redis"),
        FaultEvent(kind: .killRedis, startMicros: 10_000_000, durationSeconds: 2, target: "redis"),
        FaultEvent(kind: .partitionWorker, startMicros: 20_000_000, durationSeconds: 5, target: "worker-2"),
    ])

    @Test func onlyRedisFaultsAreOutagesAndTheyLastUntilRedisIsBack() {
        #expect(outages.windows == [10_000_000..<12_000_000, 50_000_000..<50_500_000])
    }

    @Test func aTicketAliveDuringAnOutageIsTouched() {
        #expect(outages.overlap(from: 9_000_000, to: 10_500_000), "queued when Redis was killed")
        #expect(outages.overlap(from: 11_000_000, to: 12_500_000), "arrived while Redis was down")
        #expect(outages.overlap(from: 9_000_000, to: 13_000_000), "in flight across the whole outage")
        #expect(outages.overlap(from: 50_400_000, to: 50_600_000), "the second outage counts too")
    }

    @Test func aTicketBeforeOrAfterEveryOutageIsNot() {
        #expect(!outages.overlap(from: 1_000, to: 9_999_999))
        #expect(!outages.overlap(from: 12_000_000, to: 12_300_000), "arrived once Redis served again")
        #expect(!outages.overlap(from: 20_000_000, to: 26_000_000), "a worker's partition is no outage of Redis")
        #expect(!RedisOutages([]).overlap(from: 0, to: .max))
    }
}
