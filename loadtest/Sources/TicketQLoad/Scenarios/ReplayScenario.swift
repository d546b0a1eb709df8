/// `replay TRACE`: a trace file sent open loop at its own timing (scaled by the speed-up), or
/// at a constant rate keeping its ticket mix.
public enum ReplayScenario {
    /// Runs the replay.
    public static func run(_ context: ScenarioContext, trace: String, speed: Double, rate: Double?, duration: Double?) throws(LoadError) -> ScenarioResult {
        let read = try TraceReader.read(path: trace)
        var spec = context.spec("replay")
        spec.scheduled = context.schedule(read.events, speed: speed, rate: rate, limit: duration)
        guard spec.scheduled.count > 0 else {
            throw LoadError("no ticket of \(trace) could be replayed; first problem: \(spec.scheduled.rejected.first.map { "line \($0.line): \($0.reason)" } ?? "none")")
        }
        let phase = try context.run(spec)
        context.note(config: "trace", trace)
        context.note(config: "speed", "\(speed)×")
        if let rate { context.note(config: "rate", "\(rate)/s") }
        var notes: [String] = []
        if !read.problems.isEmpty {
            notes.append("\(read.problems.count) trace lines skipped, e.g. line \(read.problems[0].line): \(read.problems[0].reason)")
        }
        return try context.finish(phase, builder: SummaryBuilder(scenario: "replay"), notes: notes)
    }
}
