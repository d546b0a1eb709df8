import Foundation
/// `run steady --fraction F --duration D`: the capacity is measured first by a drain of at
/// least five seconds of work, then tickets arrive open loop at F × capacity for D.
public enum SteadyScenario {
    /// The least work the capacity drain must hold, in seconds.
    public static let minimumDrainSeconds = 5.0

    /// Runs the scenario.
    ///
    /// - Parameters:
    ///   - capacityTickets: tickets of the first capacity drain.
    ///   - growDrain: run larger drains (up to two more) while the drain holds under 5 s of work.
    ///   - capacity: a known capacity; skips the drain.
    ///   - poisson: Poisson arrivals instead of evenly spaced ones.
    public static func run(
        _ context: ScenarioContext, fraction: Double, duration: Double, capacityTickets: Int, growDrain: Bool, capacity known: Double?, poisson: Bool
    ) throws(LoadError) -> ScenarioResult {
        var notes: [String] = []
        let seed = context.options.seed
        var capacity = known ?? 0
        var drainTickets = capacityTickets
        var round = 0
        while known == nil {
            var drain = context.spec("capacity")
            drain.killEverySeconds = nil
            drain.chaos = nil
            drain.preload = try context.generatedTickets(count: drainTickets, prefix: "cap\(seed)r\(round)-", seed: seed &+ UInt64(round) &+ 1)
            let result = try context.run(drain)
            capacity = result.throughputFromWorkerStart
            let seconds = Double(result.latency.observed) / max(capacity, 1)
            guard capacity > 0 else { throw LoadError("the capacity drain completed nothing; see the worker logs (--keep-cluster)") }
            if seconds >= minimumDrainSeconds || round == 2 || !growDrain {
                if seconds < minimumDrainSeconds {
                    notes.append(String(format: "the capacity drain held %.1f s of work (under %.0f s)", seconds, minimumDrainSeconds))
                }
                notes.append(String(format: "capacity %.0f/s from a drain of %d tickets", capacity, drainTickets))
                break
            }
            drainTickets = Int(Double(drainTickets) * (minimumDrainSeconds * 1.2) / max(seconds, 0.1))
            round += 1
            context.target.stopWorkers()
        }
        let rate = fraction * capacity
        let count = Int(rate * duration)
        let offsets: [Double]
        if poisson {
            offsets = ArrivalProfile(name: "poisson", pattern: .poisson, peakRate: rate, duration: duration).arrivals(seed: seed)
        } else {
            offsets = (0..<count).map { Double($0) / rate }
        }
        let name = context.options.chaos == nil ? "steady" : "chaos"
        var spec = context.spec(name)
        spec.scheduled = try context.generatedTickets(count: offsets.count, prefix: "\(name)\(seed)-", seed: seed &+ 17, offsets: offsets)
        let phase = try context.run(spec)
        var builder = SummaryBuilder(scenario: name)
        builder.chaosLeaseSeconds = context.options.chaos?.leaseSeconds
        builder.capacity = capacity
        builder.steadyFraction = fraction
        var peer: PeerComparison?
        if context.options.peer {
            context.target.stopWorkers()
            peer = try SidekiqPeer(context: context).steady(fraction: fraction, duration: duration, drainJobs: drainTickets)
        }
        context.note(config: "fraction", String(fraction))
        context.note(config: "duration", LoadDuration.format(duration))
        context.note(config: "arrivals", poisson ? "poisson" : "evenly spaced")
        return try context.finish(phase, builder: builder, peer: peer, notes: notes)
    }
}
