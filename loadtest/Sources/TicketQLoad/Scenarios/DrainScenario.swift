/// `run drain --tickets N`: N tickets enqueued first, then the workers start; times the drain.
public enum DrainScenario {
    /// Runs the scenario (and the peer's drain when asked).
    public static func run(_ context: ScenarioContext, tickets: Int) throws(LoadError) -> ScenarioResult {
        var spec = context.spec("drain")
        spec.preload = try context.generatedTickets(count: tickets, prefix: "drain\(context.options.seed)-", seed: context.options.seed)
        let phase = try context.run(spec)
        var builder = SummaryBuilder(scenario: "drain")
        builder.isDrain = true
        var peer: PeerComparison?
        if context.options.peer {
            context.target.stopWorkers()
            peer = try SidekiqPeer(context: context).drain(jobs: tickets, ticketqThroughput: phase.throughputFromWorkerStart)
        }
        context.note(config: "tickets", String(tickets))
        return try context.finish(phase, builder: builder, peer: peer)
    }
}
