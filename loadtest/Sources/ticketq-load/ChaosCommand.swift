import ArgumentParser
import TicketQLoad

/// `run chaos`: faults on demand while tickets drain or arrive steadily.
struct ChaosCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chaos",
        abstract: "Inject faults (worker kills, pauses, partitions, lost replies, Redis kills and stalls) under load; check nothing is lost or duplicated.",
        discussion: """
            Give --tickets N (a drain that goes on until every fault kind asked for has fired at least \
            once) or --fraction F --duration D (steady load at F × the capacity measured first), and any \
            mix of the fault options (--kill-worker-every among them). Partitions and pauses last a \
            random time up to twice the lease, Redis stalls up to the lease.
            """
    )

    @Option(help: "Tickets to enqueue and drain under faults (instead of --fraction and --duration).")
    var tickets: Int?

    @Option(help: "Fraction of the measured capacity to offer (steady form).")
    var fraction: Double?

    @Option(help: ArgumentHelp("How long to offer load (steady form, e.g. 5m).", valueName: "duration"))
    var duration: String?

    @Option(name: .customLong("capacity-tickets"), help: "Tickets of the capacity drain of the steady form (default: 250,000, grown while the drain lasts under 5 s).")
    var capacityTickets: Int?

    @Option(help: ArgumentHelp("A known capacity in tickets per second (steady form; skips the drain).", valueName: "rate"))
    var capacity: Double?

    @Option(name: .customLong("stop-worker-every"), help: ArgumentHelp("SIGSTOP a random worker this often, for up to twice the lease.", valueName: "duration"))
    var stopWorkerEvery: String?

    @Option(name: .customLong("partition-worker-every"), help: ArgumentHelp("Cut a random worker off from Redis this often, for up to twice the lease.", valueName: "duration"))
    var partitionWorkerEvery: String?

    @Option(name: .customLong("drop-replies-every"), help: ArgumentHelp("Drop the reply to a random worker's next script call this often.", valueName: "duration"))
    var dropRepliesEvery: String?

    @Option(name: .customLong("kill-redis-every"), help: ArgumentHelp("SIGKILL redis-server this often and restart it from its append-only file.", valueName: "duration"))
    var killRedisEvery: String?

    @Option(name: .customLong("stall-redis-every"), help: ArgumentHelp("SIGSTOP redis-server this often, for up to the lease.", valueName: "duration"))
    var stallRedisEvery: String?

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        switch (tickets, fraction, duration) {
        case (let tickets?, nil, nil):
            guard (1...20_000_000).contains(tickets) else { throw ValidationError("--tickets must be between 1 and 20,000,000") }
        case (nil, let fraction?, let duration?):
            guard fraction > 0, fraction <= 2 else { throw ValidationError("--fraction must be above 0 and at most 2") }
            try DurationOption.check(duration, "--duration")
        default:
            throw ValidationError("give --tickets N, or --fraction F with --duration D")
        }
        for fault in faults { try DurationOption.check(fault.value, fault.option) }
        guard faults.contains(where: { $0.value != nil }) else {
            throw ValidationError("give at least one fault: --kill-worker-every, --stop-worker-every, --partition-worker-every, --drop-replies-every, --kill-redis-every or --stall-redis-every")
        }
        guard cluster.redis == nil else { throw ValidationError("run chaos needs a local cluster (the harness injects faults into processes it started), not --redis") }
        guard (capacityTickets ?? 1) >= 1 else { throw ValidationError("--capacity-tickets must be positive") }
        if let capacity, !(capacity > 0) { throw ValidationError("--capacity must be positive") }
    }

    /// Every fault option with its kind; the flag is `--<kind>-every`.
    private var faults: [(kind: FaultKind, value: String?, option: String)] {
        let values: [(FaultKind, String?)] = [
            (.killWorker, cluster.killWorkerEvery), (.stopWorker, stopWorkerEvery), (.partitionWorker, partitionWorkerEvery),
            (.dropReplies, dropRepliesEvery), (.killRedis, killRedisEvery), (.stallRedis, stallRedisEvery),
        ]
        return values.map { kind, value in (kind: kind, value: value, option: "--\(kind.rawValue)-every") }
    }

    func run() throws {
        var intervals: [FaultKind: Double] = [:]
        for fault in faults {
            if let value = fault.value { intervals[fault.kind] = try LoadDuration.seconds(value, option: fault.option) }
        }
        let lease = cluster.workerLease ?? ChaosPlan.defaultLeaseSeconds
        let plan = ChaosPlan(intervals: intervals, leaseSeconds: lease)
        let seconds = try duration.map { text throws(LoadError) in try LoadDuration.seconds(text, option: "--duration") }
        try ScenarioLauncher.launch("chaos", cluster, adjust: { options in
            options.chaos = plan
            options.killEverySeconds = nil
            // A partition or pause may hold every outcome back for up to twice the lease.
            options.stallTimeout = max(options.stallTimeout, 3 * lease + 30)
        }) { context throws(LoadError) in
            if let tickets {
                return try ChaosScenario.run(context, tickets: tickets)
            }
            return try SteadyScenario.run(
                context, fraction: fraction ?? 0.5, duration: seconds ?? 60, capacityTickets: capacityTickets ?? 250_000,
                growDrain: capacityTickets == nil, capacity: capacity, poisson: false
            )
        }
    }
}
