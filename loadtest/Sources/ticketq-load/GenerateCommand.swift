import ArgumentParser
import Foundation
import TicketQLoad
import TicketQTriage

/// `ticketq-load generate`: writes a trace from a profile.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a trace: a profile's arrivals, each with a realistic ticket.",
        discussion: """
            A trace line is {"at_ms": <offset from start>, "ticket": {…}}. Tickets are sampled from the Bitext \
            customer-support utterances ((c) Bitext Innovations, CDLA-Sharing-1.0) with the real intent mix, \
            and carry no category, so intake triages them. See `ticketq-load profiles` for the profiles.
            """
    )

    @Option(help: ArgumentHelp("A profile name or a CSV file of arrival counts.", valueName: "name|file"))
    var profile: String

    @Option(help: ArgumentHelp("The trace file to write.", valueName: "trace.jsonl"))
    var out: String

    @Option(help: "Seed: the same seed gives the same trace.")
    var seed: UInt64 = 2026

    @Option(name: .customLong("peak-rate"), help: ArgumentHelp("Scale the profile to this peak, tickets per second.", valueName: "rate"))
    var peakRate: Double?

    @Option(help: ArgumentHelp("Stretch or squeeze the profile to this span (e.g. 30s, 5m, 1h).", valueName: "duration"))
    var duration: String?

    @Option(name: .customLong("brand-mix"), help: ArgumentHelp("Brands and their weights.", valueName: "mix"))
    var brandMix = TicketSampler.defaultBrandMix

    @Option(help: ArgumentHelp("Sample from this labelled CSV (flags,utterance,category,intent) instead of the built-in sample.", valueName: "csv"))
    var utterances: String?

    @Option(name: .customLong("max-tickets"), help: "Refuse to write more lines than this.")
    var maxTickets = 20_000_000

    func validate() throws {
        try DurationOption.check(duration, "--duration")
        if let peakRate, !(peakRate > 0) { throw ValidationError("--peak-rate must be positive") }
    }

    func run() throws {
        do {
            let seconds = try duration.map { text throws(LoadError) in try LoadDuration.seconds(text, option: "--duration") }
            let profile = try ProfileCatalog.profile(profile, peakRate: peakRate, duration: seconds)
            guard profile.expectedCount <= Double(maxTickets) else {
                throw LoadError(String(format: "the profile would write about %.0f tickets (more than --max-tickets %d); lower --peak-rate or --duration", profile.expectedCount, maxTickets))
            }
            var examples: [LabelledUtterance]?
            if let utterances {
                do { examples = try LabelledCSV.examples(path: utterances) } catch { throw LoadError("--utterances: \(error)") }
            }
            var sampler = try TicketSampler(utterances: examples, brandMix: try TicketSampler.brandMix(brandMix), seed: seed)
            let writer = try TraceWriter(path: out)
            let count = TraceGenerator.generate(profile: profile, sampler: &sampler, seed: seed, into: writer)
            writer.close()
            print(String(format: "wrote %d tickets to %@: profile %@, peak %.1f/s over %@ (mean %.1f/s)", count, out, profile.name,
                         profile.peakRate, LoadDuration.format(profile.duration), Double(count) / profile.duration))
        } catch let error as LoadError {
            FileHandle.standardError.write(Data("ticketq-load: error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}
