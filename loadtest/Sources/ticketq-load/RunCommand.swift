import ArgumentParser
import TicketQLoad

/// `ticketq-load run SCENARIO`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a load scenario against a local or existing cluster.",
        subcommands: [DrainCommand.self, SteadyCommand.self, PriorityCommand.self, PeakCommand.self, SelfTestCommand.self, ChaosCommand.self]
    )
}

/// `run drain --tickets N`.
struct DrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drain",
        abstract: "Enqueue N tickets, then start the workers and time the drain (start-up included)."
    )

    @Option(help: "Tickets to enqueue.")
    var tickets = 200_000

    @OptionGroup var peers: PeerOptions

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        guard (1...20_000_000).contains(tickets) else { throw ValidationError("--tickets must be between 1 and 20,000,000") }
    }

    func run() throws {
        try ScenarioLauncher.launch("drain", cluster, peer: peers.peer != nil, peersDirectory: peers.peersDirectory) { context throws(LoadError) in
            try DrainScenario.run(context, tickets: tickets)
        }
    }
}

/// `run steady --fraction F --duration D`.
struct SteadyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steady",
        abstract: "Measure capacity with a drain of at least 5 s of work, then send open loop at F × capacity."
    )

    @Option(help: "Fraction of the measured capacity to offer.")
    var fraction = 0.5

    @Option(help: ArgumentHelp("How long to offer load (e.g. 30s).", valueName: "duration"))
    var duration = "30s"

    @Option(name: .customLong("capacity-tickets"), help: "Tickets of the capacity drain (default: 250,000, grown while the drain lasts under 5 s; a number given here is kept).")
    var capacityTickets: Int?

    @Option(help: ArgumentHelp("A known capacity in tickets per second (skips the drain).", valueName: "rate"))
    var capacity: Double?

    @Flag(help: "Poisson arrivals instead of evenly spaced ones.")
    var poisson = false

    @OptionGroup var peers: PeerOptions

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        guard fraction > 0, fraction <= 2 else { throw ValidationError("--fraction must be above 0 and at most 2") }
        try DurationOption.check(duration, "--duration")
        guard (capacityTickets ?? 1) >= 1 else { throw ValidationError("--capacity-tickets must be positive") }
        if let capacity, !(capacity > 0) { throw ValidationError("--capacity must be positive") }
    }

    func run() throws {
        let seconds = try LoadDuration.seconds(duration, option: "--duration")
        try ScenarioLauncher.launch("steady", cluster, peer: peers.peer != nil, peersDirectory: peers.peersDirectory) { context throws(LoadError) in
            try SteadyScenario.run(context, fraction: fraction, duration: seconds, capacityTickets: capacityTickets ?? 250_000, growDrain: capacityTickets == nil, capacity: capacity, poisson: poisson)
        }
    }
}

/// `run priority --backlog N --urgent-rate R`.
struct PriorityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "priority",
        abstract: "Drain an N-ticket standard backlog while urgent tickets arrive at R per second."
    )

    @Option(help: "Standard tickets in the backlog.")
    var backlog = 1_000_000

    @Option(name: .customLong("urgent-rate"), help: "Urgent tickets per second while the backlog drains.")
    var urgentRate = 100.0

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        guard (1...20_000_000).contains(backlog) else { throw ValidationError("--backlog must be between 1 and 20,000,000") }
        guard urgentRate > 0, urgentRate <= 100_000 else { throw ValidationError("--urgent-rate must be above 0 and at most 100,000") }
    }

    func run() throws {
        try ScenarioLauncher.launch("priority", cluster) { context throws(LoadError) in
            try PriorityScenario.run(context, backlog: backlog, urgentRate: urgentRate)
        }
    }
}

/// `run peak --speed X`.
struct PeakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peak",
        abstract: "Replay the Black Friday profile X times faster than real time."
    )

    @Option(help: "Speed-up over real time.")
    var speed = 500.0

    @Option(name: .customLong("peak-rate"), help: ArgumentHelp("The profile's peak in real time, tickets per second (default: the profile's).", valueName: "rate"))
    var peakRate: Double?

    @Option(help: ArgumentHelp("The profile's span in real time before the speed-up (default: the working day it is drawn on).", valueName: "duration"))
    var duration: String?

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        guard speed > 0 else { throw ValidationError("--speed must be positive") }
        try DurationOption.check(duration, "--duration")
    }

    func run() throws {
        let seconds = try duration.map { text throws(LoadError) in try LoadDuration.seconds(text, option: "--duration") }
        try ScenarioLauncher.launch("peak", cluster) { context throws(LoadError) in
            try PeakScenario.run(context, speed: speed, peakRate: peakRate, duration: seconds)
        }
    }
}

/// `run selftest`.
struct SelfTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Offer tickets into a private Redis with no workers and check the harness keeps its schedule."
    )

    @Option(help: "Tickets per second to offer.")
    var rate = 200_000.0

    @Option(help: ArgumentHelp("How long to offer them.", valueName: "duration"))
    var duration = "2s"

    @Option(help: ArgumentHelp("Where tickets go: list (a scratch list: the harness's own capacity) or lanes (the real submit path).", valueName: "sink"))
    var sink = "list"

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        guard rate > 0 else { throw ValidationError("--rate must be positive") }
        guard ["list", "lanes"].contains(sink) else { throw ValidationError("--sink must be list or lanes") }
        try DurationOption.check(duration, "--duration")
    }

    func run() throws {
        let seconds = try LoadDuration.seconds(duration, option: "--duration")
        try ScenarioLauncher.launch("selftest", cluster) { context throws(LoadError) in
            try SelfTestScenario.run(context, rate: rate, duration: seconds, throughLanes: sink == "lanes")
        }
    }
}
