import ArgumentParser
import TicketQLanes
import TicketQRedis

extension DeploymentCommand {
    /// `ticketq deployment init [--adopt]`: marks a new deployment (or adopts an older one's data).
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "init",
            abstract: "Write the deployment marker of a new deployment (run once, before anything else).",
            discussion: """
                Refused when the namespace already holds ticketq data without a marker: data written by a \
                release before markers is adopted with --adopt; data left after a partial loss needs \
                `ticketq deployment recover`. Running it again on an initialised deployment changes nothing \
                and exits 0.

                --partitions N spreads the deployment's tickets over N partitions, each under a hash tag \
                of its own ({ns:p0} … {ns:pN-1}), so that Redis Cluster can place them on different \
                nodes; on one Redis, 1 (the default) is the cheapest. N is fixed when the deployment is \
                created: asking for another count later is refused with the stored one.
                """
        )

        @Flag(help: "Adopt the data of a deployment created by a release before markers existed.")
        var adopt = false

        @Option(help: ArgumentHelp("Partitions of a new deployment (default 1; fixed once created).", valueName: "N"))
        var partitions: Int?

        @OptionGroup var retention: RetentionOptions
        @OptionGroup var redis: RedisOptions

        func validate() throws {
            if let partitions, !LanePartitioning.allowedCounts.contains(partitions) {
                throw ValidationError(
                    "--partitions must be between \(LanePartitioning.allowedCounts.lowerBound) and \(LanePartitioning.allowedCounts.upperBound)"
                )
            }
            if adopt, let partitions, partitions != 1 {
                throw ValidationError("--adopt keeps the adopted data in one partition: leave out --partitions")
            }
        }

        func run() throws {
            let lanes = try redis.openLaneStore(clientName: "ticketq-deployment")
            let target = "Redis \(lanes.connection.url.redacted), namespace \(lanes.keys.namespace)"
            let result: DeploymentCreation
            let library: LaneLibraryInstallation
            do {
                library = try lanes.installLibrary()
                result = try lanes.createDeployment(
                    origin: adopt ? .adopted : .initialized, release: TicketQVersion.current, partitions: partitions
                )
                // A new deployment starts with its limits written down; an existing one keeps its own
                // unless limits are given.
                if case .created = result {
                    // Adopted tickets may be in the layout of a release before ticket records.
                    if adopt {
                        _ = try lanes.moveToTicketRecords()
                        _ = try lanes.moveToPromotionLists()
                    }
                    try lanes.setRetentionPolicy(try retention.applied(to: .defaults))
                } else if !retention.isEmpty, case .markerPresent = result {
                    try lanes.setRetentionPolicy(try retention.applied(to: try lanes.retentionPolicy()))
                }
            } catch let error as LanesError {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
            switch result {
            case let .created(record):
                print("\(adopt ? "adopted" : "initialised") deployment \(record.id) in \(target)")
            case let .markerPresent(record):
                print("already initialised: deployment \(record.id) (\(record.origin.rawValue) \(DeploymentText.instant(record.createdAtMillis))) in \(target); marker unchanged")
            case .refusedExistingData:
                Diagnostics.error("""
                    \(target) holds ticketq data but no deployment marker. If it was written by a release before markers, \
                    adopt it: `ticketq deployment init --adopt`. If Redis lost part of its data, see `ticketq deployment recover --help`.
                    """)
            case .refusedNoData:
                Diagnostics.error("\(target) holds no ticketq data to adopt: run `ticketq deployment init` for a new deployment")
            }
            print(library)
            switch result {
            case .created, .markerPresent: return
            case .refusedExistingData, .refusedNoData: throw ExitStatus.failure
            }
        }
    }
}
