import Foundation
import Synchronization
import TicketQIntake

/// A handler with a configurable service-time distribution and failure rate, for load tests
/// and for exercising retries and dead letters (`--handler simulate:SPEC`).
public final class SimulateHandler: TicketHandler {
    public let name = "simulate"
    public let spec: SimulationSpec
    public var runsInline: Bool { spec.serviceTime == .none }
    private let random: Mutex<SplitMix64>

    /// A failure injected by the simulation.
    public struct SimulatedFailure: Error, CustomStringConvertible {
        public let description = "simulated failure"
    }

    /// Creates the handler.
    public init(spec: SimulationSpec) {
        self.spec = spec
        random = Mutex(SplitMix64(seed: spec.seed))
    }

    public func handle(_ ticket: QueuedTicket, attempt: Int) async throws -> HandlerResult {
        let (delay, fails) = random.withLock { generator -> (Duration, Bool) in
            let delay: Duration
            switch spec.serviceTime {
            case .none: delay = .zero
            case let .fixed(value): delay = value
            case let .uniform(low, high):
                delay = low + (high - low) * generator.nextUnit()
            case let .exponential(mean):
                let draw = -log1p(-generator.nextUnit())
                delay = mean * min(draw, 50)
            }
            return (delay, generator.nextUnit() < spec.failureProbability)
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        if fails { throw SimulatedFailure() }
        return HandlerResult(action: "simulated")
    }
}

/// A small, fast, seedable generator (SplitMix64).
struct SplitMix64: Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}
