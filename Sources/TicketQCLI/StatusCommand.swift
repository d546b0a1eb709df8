import ArgumentParser
import TicketQConfig
import TicketQLanes
import TicketQRedis

/// `ticketq status`: the state of the lanes, workers and switches of one deployment.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show lane depths, ages and deadlines, in-flight and dead-letter counts, dedupe memory, live workers and high-volume switches.",
        discussion: """
            depth counts every ticket of a lane not in flight, including tickets waiting out a retry \
            backoff (also shown as retrying). headroom is the lane's earliest due time minus now (negative: overdue). \
            The sum of depths and in_flight are both 0 exactly when every accepted ticket has a done or dead outcome. \
            --json prints one object: lanes.<lane>.{depth, queued, retrying, oldest_age_ms, earliest_due, headroom_ms}, \
            in_flight, dead_letter, dedupe {entries, bytes, bytes_per_id}, workers (array of registry records \
            of live workers), stale_workers, high_volume {brand: bool, or null when its stored history cannot be read}, server_time, and \
            deployment {present, id, origin, created_at, problem}. When the deployment marker is missing \
            (Redis lost its data, or `ticketq deployment init` was never run) the first line says so and \
            status exits 1.
            """
    )

    @Flag(help: "Print one JSON object instead of tables.")
    var json = false

    @Option(help: ArgumentHelp("Tickets inspected at the head of each lane for the oldest age.", valueName: "n"))
    var sample = 256

    @OptionGroup var redis: RedisOptions

    @OptionGroup var policies: PolicyOptions

    func validate() throws {
        guard (1...100_000).contains(sample) else { throw ValidationError("--sample must be between 1 and 100000, got \(sample)") }
    }

    func run() throws {
        let lanes = try redis.openLaneStore(clientName: "ticketq-status")
        let report: Report
        do {
            report = try Report.gather(from: lanes, sample: sample, brands: configuredBrands())
        } catch {
            Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
            throw ExitStatus.failure
        }
        if json {
            print(report.json)
        } else {
            if report.deployment == nil { print("DEPLOYMENT MARKER MISSING — \(DeploymentAdvice.missingMarker)") }
            print("Redis \(lanes.connection.url.redacted), namespace \(lanes.keys.namespace)"
                + (report.deployment.map { ", deployment \($0.id)" } ?? ""))
            print(report.text)
        }
        // A missing marker fails the command, so that scripts and checks notice.
        if report.deployment == nil { throw ExitStatus.failure }
    }

    /// The brands of the policy catalog, so that every brand's switch is shown even if never
    /// used; status still works (with the switched brands only) when the policies do not load.
    private func configuredBrands() -> [String] {
        do {
            return try PolicyCatalog.load(directory: policies.directory).brands.keys.sorted()
        } catch {
            Diagnostics.warning("policies could not be loaded (run `ticketq policies`); showing only brands with a recorded high-volume switch")
            return []
        }
    }
}
