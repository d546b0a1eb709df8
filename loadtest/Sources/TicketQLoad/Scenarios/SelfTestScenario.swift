import Foundation
/// `run selftest`: the harness alone offers tickets into Redis at a high rate with no workers,
/// to show that its schedule lag stays far below what it measures.
public enum SelfTestScenario {
    /// Runs the self-test.
    public static func run(_ context: ScenarioContext, rate: Double, duration: Double) throws(LoadError) -> ScenarioResult {
        let count = Int(rate * duration)
        let offsets = (0..<count).map { Double($0) / rate }
        var spec = context.spec("selftest")
        spec.killEverySeconds = nil
        spec.startWorkers = false
        spec.scheduled = try context.generatedTickets(count: count, prefix: "self\(context.options.seed)-", seed: context.options.seed, offsets: offsets)
        let phase = try context.run(spec)
        var builder = SummaryBuilder(scenario: "selftest")
        builder.expectsOutcomes = false
        context.note(config: "rate", String(format: "%.0f/s", rate))
        context.note(config: "duration", LoadDuration.format(duration))
        return try context.finish(phase, builder: builder, notes: ["no workers: only the offered rate and the schedule lag are measured"])
    }
}
