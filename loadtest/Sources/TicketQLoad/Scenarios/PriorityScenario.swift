import Foundation
import TicketQCore
/// `run priority --backlog N --urgent-rate R`: an N-ticket standard backlog drains while urgent
/// tickets arrive open loop at R per second; the urgent lane's latency must stay low.
public enum PriorityScenario {
    /// Runs the scenario.
    public static func run(_ context: ScenarioContext, backlog: Int, urgentRate: Double) throws(LoadError) -> ScenarioResult {
        let seed = context.options.seed
        var spec = context.spec("priority")
        spec.preload = try context.generatedTickets(count: backlog, inLane: .standard, prefix: "backlog\(seed)-", seed: seed, urgent: false, complex: false)
        // Urgent arrivals for longer than any drain could take; sending stops once the backlog is gone.
        let horizon = max(10, Double(backlog) / 5_000)
        let count = Int(urgentRate * horizon)
        let offsets = (0..<count).map { Double($0) / urgentRate }
        spec.scheduled = try context.generatedTickets(count: count, prefix: "urgent\(seed)-", seed: seed &+ 29, urgent: true, offsets: offsets)
        spec.stopWhenDrained = true
        let phase = try context.run(spec)
        context.note(config: "backlog", String(backlog))
        context.note(config: "urgent rate", String(format: "%.0f/s", urgentRate))
        var notes: [String] = []
        if let urgent = phase.scheduled {
            notes.append(String(format: "%d urgent tickets arrived while the backlog drained", urgent.sent))
        }
        return try context.finish(phase, builder: SummaryBuilder(scenario: "priority"), notes: notes)
    }
}
