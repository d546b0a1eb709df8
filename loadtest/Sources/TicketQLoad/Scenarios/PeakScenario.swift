/// `run peak --speed X`: the Black Friday profile replayed X times faster than real time.
public enum PeakScenario {
    /// Runs the scenario.
    public static func run(_ context: ScenarioContext, speed: Double, peakRate: Double?, duration: Double?) throws(LoadError) -> ScenarioResult {
        let profile = try ProfileCatalog.profile("black-friday", peakRate: peakRate, duration: duration)
        let seed = context.options.seed
        let offsets = profile.arrivals(seed: seed).map { $0 / speed }
        var spec = context.spec("peak")
        spec.scheduled = try context.generatedTickets(count: offsets.count, prefix: "peak\(seed)-", seed: seed &+ 41, offsets: offsets)
        let phase = try context.run(spec)
        context.note(config: "profile", "black-friday, peak \(Int(profile.peakRate))/s over \(LoadDuration.format(profile.duration)) of trace time")
        context.note(config: "speed", "\(speed)×")
        return try context.finish(phase, builder: SummaryBuilder(scenario: "peak"))
    }
}
