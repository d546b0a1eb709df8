import Foundation
import Synchronization
import TicketQCore
import TicketQWire

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
        if let poison = spec.crashingTicketID, ticket.ticket.id == poison {
            FileHandle.standardError.write(Data("simulate: ticket \(poison) aborts the worker process\n".utf8))
            abort()
        }
        if fails { throw SimulatedFailure() }
        return HandlerResult(action: "simulated")
    }
}
