import Foundation
/// `run selftest`: the harness alone offers tickets into Redis at a high rate with no workers,
/// to show that its schedule lag stays far below what it measures. By default the tickets go to
/// a scratch list, so that the harness is measured and not the lanes' submit script; `lanes`
/// sends them through the real intake path instead.
public enum SelfTestScenario {
    /// Runs the self-test.
    public static func run(_ context: ScenarioContext, rate: Double, duration: Double, throughLanes: Bool) throws(LoadError) -> ScenarioResult {
        let count = Int(rate * duration)
        let offsets = (0..<count).map { Double($0) / rate }
        var spec = context.spec("selftest")
        spec.killEverySeconds = nil
        spec.startWorkers = false
        spec.expectOutcomes = false
        spec.sink = throughLanes ? .lanes : .scratchList(key: "ticketq-load:selftest:\(context.options.seed)")
        spec.scheduled = try context.generatedTickets(count: count, prefix: "self\(context.options.seed)-", seed: context.options.seed, offsets: offsets)
        let phase = try context.run(spec)
        var builder = SummaryBuilder(scenario: "selftest")
        builder.expectsOutcomes = false
        context.note(config: "rate", String(format: "%.0f/s", rate))
        context.note(config: "duration", LoadDuration.format(duration))
        context.note(config: "sink", throughLanes ? "the lanes (submit script)" : "a scratch list (RPUSH)")
        return try context.finish(phase, builder: builder, notes: ["no workers: only the offered rate and the schedule lag are measured"])
    }
}
