import ArgumentParser
import TicketQLanes
import TicketQRedis

extension DeploymentCommand {
    /// `ticketq deployment retention [limits]`: shows or changes how long and how many bytes of
    /// dead letters and quarantined messages the deployment keeps.
    struct Retention: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retention",
            abstract: "Show or change how long and how much the dead letters and the quarantine keep.",
            discussion: """
                Without options, prints the limits in force. With any, changes those and keeps the others; \
                every process follows the new limits at once. The workers' collector evicts dead letters and \
                quarantined messages past the age limit, and the oldest beyond the byte limit, every second; \
                intake evicts the oldest quarantined messages as it adds one. Each eviction is logged by id \
                and counted in ticketq_retention_evictions{kind,reason}.
                """
        )

        @OptionGroup var retention: RetentionOptions
        @OptionGroup var redis: RedisOptions

        func run() throws {
            let lanes = try redis.openLaneStore(clientName: "ticketq-deployment")
            do {
                var policy = try lanes.retentionPolicy()
                if !retention.isEmpty {
                    policy = try retention.applied(to: policy)
                    try lanes.setRetentionPolicy(policy)
                }
                print(RetentionOptions.describe(policy))
            } catch let error as LanesError {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
        }
    }
}
