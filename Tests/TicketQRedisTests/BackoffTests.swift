import Testing
import TicketQRedis

/// Returns the same value from every call, so jitter can be pinned.
private struct FixedGenerator: RandomNumberGenerator {
    let value: UInt64
    mutating func next() -> UInt64 { value }
}

/// A small deterministic generator (SplitMix64) for sampling many delays.
private struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}

struct BackoffTests {
    let backoff = Backoff(base: .milliseconds(10), cap: .milliseconds(500))

    @Test func ceilingDoublesFromBaseUntilTheCap() {
        let ceilings = (1...8).map { backoff.ceiling(forAttempt: $0) }
        #expect(ceilings == [10, 20, 40, 80, 160, 320, 500, 500].map { Duration.milliseconds($0) })
    }

    @Test func attemptsBelowOneCountAsTheFirst() {
        #expect(backoff.ceiling(forAttempt: 0) == .milliseconds(10))
        #expect(backoff.ceiling(forAttempt: -5) == .milliseconds(10))
    }

    @Test func hugeAttemptNumbersStayAtTheCapWithoutOverflow() {
        #expect(backoff.ceiling(forAttempt: 63) == .milliseconds(500))
        #expect(backoff.ceiling(forAttempt: 10_000) == .milliseconds(500))
        #expect(backoff.ceiling(forAttempt: .max) == .milliseconds(500))
        let wide = Backoff(base: .seconds(1), cap: .seconds(1_000_000_000))
        #expect(wide.ceiling(forAttempt: 200) == .seconds(1_000_000_000))
    }

    @Test func fullJitterSpansZeroToTheCeiling() {
        var lowest = FixedGenerator(value: 0)
        #expect(backoff.delay(forAttempt: 3, using: &lowest) == .zero)

        var highest = FixedGenerator(value: .max)
        let top = backoff.delay(forAttempt: 3, using: &highest)
        #expect(top < .milliseconds(40))
        #expect(top > .microseconds(39_990))

        var middle = FixedGenerator(value: 1 << 63)
        #expect(backoff.delay(forAttempt: 3, using: &middle) == .milliseconds(20))
    }

    @Test func sampledDelaysStayWithinBoundsAndVary() {
        var generator = SplitMix64(state: 42)
        for attempt in 1...12 {
            let ceiling = backoff.ceiling(forAttempt: attempt)
            let samples = (0..<200).map { _ in backoff.delay(forAttempt: attempt, using: &generator) }
            #expect(samples.allSatisfy { $0 >= .zero && $0 < ceiling })
            #expect(Set(samples).count > 150)
        }
    }

    @Test func sameSeedGivesTheSameDelays() {
        var first = SplitMix64(state: 7)
        var second = SplitMix64(state: 7)
        let a = (1...10).map { backoff.delay(forAttempt: $0, using: &first) }
        let b = (1...10).map { backoff.delay(forAttempt: $0, using: &second) }
        #expect(a == b)
    }

    @Test func invalidParametersAreClamped() {
        let negative = Backoff(base: .milliseconds(-5), cap: .milliseconds(-1))
        #expect(negative.base == .zero)
        #expect(negative.ceiling(forAttempt: 4) == .zero)

        let inverted = Backoff(base: .seconds(2), cap: .seconds(1))
        #expect(inverted.cap == .seconds(2))
        #expect(inverted.ceiling(forAttempt: 5) == .seconds(2))
    }
}
