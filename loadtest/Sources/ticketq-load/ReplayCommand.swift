import ArgumentParser
import TicketQLoad

/// `ticketq-load replay TRACE`.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Send a trace open loop and time every ticket from its intended arrival to its durable outcome."
    )

    @Argument(help: ArgumentHelp("The trace file (JSONL).", valueName: "trace"))
    var trace: String

    @Option(help: "Speed-up: 2 sends the trace twice as fast.")
    var speed = 1.0

    @Option(help: ArgumentHelp("Ignore the trace's timing and send at this constant rate (its ticket mix is kept).", valueName: "rate"))
    var rate: Double?

    @Option(help: ArgumentHelp("Replay only this much of the trace (after the speed-up).", valueName: "duration"))
    var duration: String?

    @OptionGroup var cluster: ClusterOptions

    func validate() throws {
        guard speed > 0 else { throw ValidationError("--speed must be positive") }
        if let rate, !(rate > 0) { throw ValidationError("--rate must be positive") }
        try DurationOption.check(duration, "--duration")
    }

    func run() throws {
        let seconds = try duration.map { text throws(LoadError) in try LoadDuration.seconds(text, option: "--duration") }
        try ScenarioLauncher.launch("replay", cluster) { context throws(LoadError) in
            try ReplayScenario.run(context, trace: trace, speed: speed, rate: rate, duration: seconds)
        }
    }
}
