import Foundation
import TicketQWorker
import Testing

/// The worker's clock follows Redis's: the offset measured at a claim moves every later reading.
struct WorkerClockTests {
    @Test(arguments: [Int64(300_000), -300_000, 0])
    func readingsFollowTheLastObservedServerTime(skew: Int64) {
        let clock = WorkerClock()
        let host = Int64(Date().timeIntervalSince1970 * 1000)
        clock.observe(serverMillis: host + skew)
        #expect(abs(clock.offsetMillis - skew) < 1_000)
        #expect(abs(clock.nowMillis - (host + skew)) < 1_000)
    }

    @Test func beforeAnyObservationItReadsTheHostClock() {
        let clock = WorkerClock()
        #expect(clock.offsetMillis == 0)
        #expect(abs(clock.nowMillis - Int64(Date().timeIntervalSince1970 * 1000)) < 1_000)
    }
}

/// A reply that reached the host late understates Redis's clock; it must not move the clock back.
struct WorkerClockDelayTests {
    @Test func aLateReplyDoesNotSetTheClockBack() {
        let clock = WorkerClock()
        let host = Int64(Date().timeIntervalSince1970 * 1000)
        clock.observe(serverMillis: host + 60_000)
        // Redis read its clock 120 ms before this reply arrived.
        clock.observe(serverMillis: host + 60_000 - 120)
        #expect(abs(clock.offsetMillis - 60_000) < 50)
    }
}
