import Foundation
import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQRedis
import TicketQTriage

/// Everything a scenario runs with: policies, triage, the cluster and the output.
public final class ScenarioContext {
    /// The options.
    public let options: ScenarioOptions
    /// The brand policies.
    public let catalog: PolicyCatalog
    /// The cluster.
    public let target: LoadTarget
    private let builder: LaneEntryBuilder
    private let brandMix: [(brand: String, weight: Double)]
    private var metadata: RunMetadata

    /// Loads policies and the triage model and starts (or reaches) the cluster.
    /// - Throws: ``LoadError`` for bad options, policies or a cluster that cannot start.
    public init(options: ScenarioOptions, scenario: String) throws(LoadError) {
        self.options = options
        do {
            catalog = try PolicyCatalog.load(directory: options.policies)
        } catch {
            throw LoadError("policies: \(error.description)")
        }
        let triager: TicketTriager
        do {
            triager = TicketTriager(model: try ModelLocator.load(explicitPath: nil).model)
        } catch {
            throw LoadError("triage model: \(error)")
        }
        brandMix = try TicketSampler.brandMix(options.brandMix)
        for (brand, _) in brandMix where catalog.brands[brand] == nil {
            throw LoadError("--brand-mix: no policy for brand \"\(brand)\" (known: \(catalog.brands.keys.sorted().joined(separator: ", ")))")
        }
        builder = LaneEntryBuilder(catalog: catalog, highVolume: HighVolumeSchedule(), triager: triager)
        let clusterText: String
        if let redis = options.redis {
            if options.killEverySeconds != nil { throw LoadError("--kill-worker-every needs --local-cluster: the harness can only kill workers it started") }
            if options.chaos != nil { throw LoadError("the chaos scenario needs --local-cluster: the harness can only inject faults into a cluster it started") }
            target = try LoadTarget.existing(redis: redis, namespace: options.namespace, stores: options.stores)
            clusterText = "existing cluster at \(redis), \(options.stores.count) stores"
        } else {
            let ticketq = try TicketQExecutable.locate(explicitPath: options.ticketq)
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketq-load-\(getpid())-\(scenario)")
            target = try LoadTarget.local(
                options: options.workers, ticketq: ticketq, directory: directory,
                appendOnly: options.chaos?.needsAppendOnly ?? false, proxied: options.chaos?.needsProxies ?? false
            )
            clusterText = "local: private redis-server, \(options.workers.count) workers (\(ticketq.path))"
        }
        var config: [String: String] = ["seed": String(options.seed), "brand mix": options.brandMix, "sender connections": String(options.connections)]
        if let every = options.killEverySeconds { config["kill worker every"] = LoadDuration.format(every) }
        if let chaos = options.chaos {
            for kind in chaos.kinds { config["\(kind.rawValue) every"] = LoadDuration.format(chaos.intervals[kind]!) }
            config["lease"] = LoadDuration.format(chaos.leaseSeconds)
        }
        if let durability = options.workers.durability { config["worker durability"] = durability }
        config["worker handler"] = options.workers.handler
        metadata = RunMetadata.current(cluster: clusterText, command: options.commandLine, config: config)
        metadata.workers = options.redis == nil ? options.workers.count : options.stores.count
        metadata.worker_concurrency = options.workers.concurrency
        metadata.redis_version = redisVersion()
        metadata.ticketq_version = target.cluster.flatMap { Self.version(of: $0.ticketq) }
    }

    /// Adds a configuration entry to the report.
    public func note(config key: String, _ value: String) { metadata.config[key] = value }

    /// Generated tickets: `count` of them, at `offsets` (seconds; all at zero when nil).
    public func generatedTickets(count: Int, prefix: String, seed: UInt64, urgent: Bool? = nil, complex: Bool? = nil, offsets: [Double]? = nil) throws(LoadError) -> ScheduledTickets {
        var sampler = try TicketSampler(utterances: nil, brandMix: brandMix, seed: seed, idPrefix: prefix)
        var events: [TraceEvent] = []
        events.reserveCapacity(count)
        for index in 0..<count {
            events.append(TraceEvent(atMillis: (offsets?[index] ?? 0) * 1000, ticketJSON: sampler.ticket(index: index, urgent: urgent, complex: complex)))
        }
        return schedule(events)
    }

    /// Generated tickets that intake puts into `lane`: `count` of them, all at offset zero.
    public func generatedTickets(count: Int, inLane lane: Lane, prefix: String, seed: UInt64, urgent: Bool?, complex: Bool?) throws(LoadError) -> ScheduledTickets {
        var tickets = try generatedTickets(count: count + count / 2 + 100, prefix: prefix, seed: seed, urgent: urgent, complex: complex)
        tickets.retain(lane: lane, limit: count, now: Instant(secondsSinceEpoch: MonotonicClock.wallMicroseconds() / 1_000_000), builder: builder)
        guard tickets.count == count else {
            throw LoadError("only \(tickets.count) of \(count) generated tickets go to the \(lane.rawValue) lane under these policies")
        }
        return tickets
    }

    /// Trace events scheduled for a run.
    public func schedule(_ events: [TraceEvent], speed: Double = 1, rate: Double? = nil, limit: Double? = nil) -> ScheduledTickets {
        var tickets = ScheduledTickets()
        var planning = builder
        tickets.add(events, speed: speed, rate: rate, limit: limit, catalog: catalog, builder: &planning)
        return tickets
    }

    /// Runs a phase.
    public func run(_ spec: PhaseSpec) throws(LoadError) -> PhaseResult {
        var spec = spec
        spec.quiet = options.quiet
        spec.stallTimeout = options.stallTimeout
        spec.seed = options.seed
        return try PhaseRunner(target: target, catalog: catalog, builder: builder, connections: options.connections).run(spec)
    }

    /// A phase spec carrying the common options (kills, faults).
    public func spec(_ name: String) -> PhaseSpec {
        var spec = PhaseSpec(name: name)
        spec.killEverySeconds = options.killEverySeconds
        spec.chaos = options.chaos
        return spec
    }

    /// Checks thresholds, writes the output files and prints the summary.
    public func finish(_ phase: PhaseResult, builder summaryBuilder: SummaryBuilder, peer: PeerComparison? = nil, notes: [String] = []) throws(LoadError) -> ScenarioResult {
        var summaryBuilder = summaryBuilder
        summaryBuilder.workerConcurrency = options.workers.effectiveConcurrency
        var summary = summaryBuilder.build(phase, metadata: metadata)
        summary.peer = peer
        summary.notes = notes
        if !phase.rejected.isEmpty {
            summary.notes.append("\(phase.rejected.count) tickets could not be planned, e.g. #\(phase.rejected[0].line): \(phase.rejected[0].reason)")
        }
        summary.check(options.thresholds)
        let series = RunSeries(phase)
        let files = try RunOutput.write(summary: summary, series: series, to: options.outputDirectory)
        return ScenarioResult(summary: summary, series: series, files: files)
    }

    /// Stops the local cluster.
    public func shutdown() {
        target.shutdown(keepDirectory: options.keepCluster)
    }

    private func redisVersion() -> String? {
        guard let connection = try? RedisConnection(url: target.url), let reply = try? connection.command("INFO", "server"),
              let text = reply.string else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("redis_version:") {
            return String(line.dropFirst("redis_version:".count))
        }
        return nil
    }

    private static func version(of executable: URL) -> String? {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["--version"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingWhitespace()
    }
}
