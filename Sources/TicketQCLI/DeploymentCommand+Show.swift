import ArgumentParser
import TicketQLanes
import TicketQRedis

extension DeploymentCommand {
    /// `ticketq deployment show`: prints the marker; exits 1 when it is missing.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Print the deployment marker (exit 1 when it is missing)."
        )

        @OptionGroup var redis: RedisOptions

        func run() throws {
            let lanes = try redis.openLaneStore(clientName: "ticketq-deployment")
            let record: DeploymentRecord?
            do {
                record = try lanes.deployment()
            } catch {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
            guard let record else {
                Diagnostics.error("Redis \(lanes.connection.url.redacted), namespace \(lanes.keys.namespace): \(DeploymentAdvice.missingMarker)")
                throw ExitStatus.failure
            }
            print(DeploymentText.describe(record))
        }
    }
}
