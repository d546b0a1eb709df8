/// `run chaos`: faults of every kind asked for (`--kill-worker-every`, `--partition-worker-every`,
/// …) while tickets drain (`--tickets N`) or arrive at a steady fraction of capacity
/// (`--fraction F --duration D`); checks that none is lost or duplicated and how long redelivery
/// and recovery take.
public enum ChaosScenario {
    /// The drain form: N tickets enqueued, the workers start, and the run goes on until every
    /// ticket has its outcome and every kind of fault has fired at least once.
    public static func run(_ context: ScenarioContext, tickets: Int) throws(LoadError) -> ScenarioResult {
        guard let plan = context.options.chaos else { throw LoadError("run chaos needs at least one --…-every fault option") }
        var spec = context.spec("chaos")
        spec.untilEveryFaultFired = true
        spec.preload = try context.generatedTickets(count: tickets, prefix: "chaos\(context.options.seed)-", seed: context.options.seed)
        let phase = try context.run(spec)
        var builder = SummaryBuilder(scenario: "chaos")
        builder.isDrain = true
        builder.chaosLeaseSeconds = plan.leaseSeconds
        context.note(config: "tickets", String(tickets))
        var notes: [String] = []
        let missing = plan.kinds.filter { kind in !phase.faults.contains { $0.kind == kind } }
        if !missing.isEmpty { notes.append("never fired: \(missing.map(\.rawValue).joined(separator: ", "))") }
        return try context.finish(phase, builder: builder, notes: notes)
    }
}
