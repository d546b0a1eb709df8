import ArgumentParser
import Foundation
import TicketQLanes
import TicketQLoad

/// Where the load goes, what is written and what is checked: shared by `replay` and `run`.
struct ClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Target an existing cluster at this Redis (needs --store for each worker).", valueName: "url"))
    var redis: String?

    @Option(name: .customLong("store"), help: ArgumentHelp("An existing cluster's worker outcome store (repeat per worker).", valueName: "path"))
    var stores: [String] = []

    @Option(help: "The lanes' key namespace on an existing cluster.")
    var namespace = "ticketq"

    @Option(name: .customLong("local-cluster"), help: ArgumentHelp("Start a private redis-server and this many workers (the default).", valueName: "n"))
    var localCluster: Int?

    @Option(help: ArgumentHelp("The ticketq executable for the local cluster (default: the one next to ticketq-load).", valueName: "path"))
    var ticketq: String?

    @Option(name: .customLong("worker-concurrency"), help: "Each local worker's --concurrency (default: the worker's).")
    var workerConcurrency: Int?

    @Option(name: .customLong("worker-batch"), help: "Each local worker's --batch (default: the worker's).")
    var workerBatch: Int?

    @Option(name: .customLong("worker-urgent-slots"), help: "Each local worker's --urgent-slots (default: the worker's; 0 turns the urgent fast path off).")
    var workerUrgentSlots: Int?

    @Option(name: .customLong("worker-handler"), help: "Each local worker's --handler.")
    var workerHandler = "acknowledge"

    @Option(help: "Each local worker's --durability: full (the default) or normal.")
    var durability: String?

    @Option(name: .customLong("worker-lease"), help: ArgumentHelp("Each local worker's --lease in seconds (default: the worker's).", valueName: "seconds"))
    var workerLease: Double?

    @Option(help: "Partitions of the local cluster's deployment (ticketq deployment init --partitions).")
    var partitions = 1

    @Option(name: .customLong("kill-worker-every"), help: ArgumentHelp("SIGKILL a random local worker this often and restart it (e.g. 2s).", valueName: "duration"))
    var killWorkerEvery: String?

    @Option(name: .customLong("threshold"), help: ArgumentHelp("A pass/fail check, e.g. 'p99(same_business_day)<50ms' or 'lost==0' (repeatable).", valueName: "expr"))
    var thresholds: [String] = []

    @Option(help: ArgumentHelp("Directory for summary.json, timeseries.jsonl and report.html.", valueName: "dir"))
    var out = "loadtest-out"

    @Option(help: "Seed of generated tickets, arrivals and kills.")
    var seed: UInt64 = 2026

    @Option(name: .customLong("brand-mix"), help: ArgumentHelp("Brands of generated tickets and their weights.", valueName: "mix"))
    var brandMix = TicketSampler.defaultBrandMix

    @Option(name: .customLong("policies"), help: ArgumentHelp("Policy directory (default: as ticketq finds it).", valueName: "dir"))
    var policies: String?

    @Option(name: .customLong("stall-timeout"), help: ArgumentHelp("Give up when no outcome arrives for this long.", valueName: "duration"))
    var stallTimeout = "30s"

    @Option(help: "Redis connections the sender uses.")
    var connections = 8

    @Flag(help: "No live progress lines.")
    var quiet = false

    @Flag(name: .customLong("keep-cluster"), help: "Keep the local cluster's directory (stores, worker logs).")
    var keepCluster = false

    func validate() throws {
        if redis != nil, localCluster != nil { throw ValidationError("give --redis or --local-cluster, not both") }
        if let localCluster, !(0...64).contains(localCluster) { throw ValidationError("--local-cluster must be between 0 and 64") }
        if redis == nil, !stores.isEmpty { throw ValidationError("--store goes with --redis (a local cluster has its own stores)") }
        if let durability, !["full", "normal"].contains(durability) { throw ValidationError("--durability must be full or normal") }
        if !LanePartitioning.allowedCounts.contains(partitions) {
            throw ValidationError("--partitions must be between \(LanePartitioning.allowedCounts.lowerBound) and \(LanePartitioning.allowedCounts.upperBound)")
        }
        if redis != nil, partitions != 1 { throw ValidationError("--partitions goes with --local-cluster (an existing deployment has its own)") }
        if !(1...64).contains(connections) { throw ValidationError("--connections must be between 1 and 64") }
        try DurationOption.check(killWorkerEvery, "--kill-worker-every")
        try DurationOption.check(stallTimeout, "--stall-timeout")
    }

    /// The scenario options these flags describe.
    func scenarioOptions() throws(LoadError) -> ScenarioOptions {
        var options = ScenarioOptions()
        options.redis = redis
        options.stores = stores
        options.namespace = namespace
        options.workers = WorkerOptions(count: localCluster ?? 2, concurrency: workerConcurrency, batch: workerBatch, handler: workerHandler, durability: durability, lease: workerLease, urgentSlots: workerUrgentSlots, partitions: partitions)
        options.ticketq = ticketq
        options.outputDirectory = out
        options.thresholds = try thresholds.map { text throws(LoadError) in try ThresholdExpression(text) }
        options.killEverySeconds = try killWorkerEvery.map { text throws(LoadError) in try LoadDuration.seconds(text, option: "--kill-worker-every") }
        options.seed = seed
        options.quiet = quiet
        options.stallTimeout = try LoadDuration.seconds(stallTimeout, option: "--stall-timeout")
        options.connections = connections
        options.brandMix = brandMix
        options.policies = policies
        options.keepCluster = keepCluster
        options.commandLine = (["ticketq-load"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
        return options
    }
}
