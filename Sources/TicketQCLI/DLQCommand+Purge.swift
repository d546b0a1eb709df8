import ArgumentParser
import TicketQLanes
import TicketQRedis

extension DLQCommand {
    /// `ticketq dlq purge --yes`: delete every dead letter.
    struct Purge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "purge",
            abstract: "Delete every dead letter and its payload (requires --yes).",
            discussion: "Exits 64 without --yes. Outcomes already written for dead tickets stay in the outcome store."
        )

        @Flag(help: "Confirm the deletion.")
        var yes = false

        @OptionGroup var redis: RedisOptions

        func run() throws {
            guard yes else {
                Diagnostics.error("purge deletes every dead letter and its payload for good; run `ticketq dlq purge --yes` to confirm (see `ticketq dlq list` first)")
                throw ExitStatus.usage
            }
            let lanes = try redis.openLaneStore(clientName: "ticketq-dlq")
            let purged: Int
            do {
                purged = try lanes.purgeDeadLetters()
            } catch {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
            print("purged \(purged) dead letter\(purged == 1 ? "" : "s")")
        }
    }
}
