import ArgumentParser
import Foundation
import TicketQLanes
import TicketQRedis

extension QuarantineCommand {
    /// `ticketq quarantine show ID`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Print a quarantined message's information, or with --raw the message itself."
        )

        @OptionGroup var redis: RedisOptions

        @Argument(help: "The quarantine id (from `quarantine list`).")
        var id: String

        @Flag(help: "Write the raw message to standard output (it holds the customer's text).")
        var raw = false

        func run() throws {
            let lanes = try redis.openLaneStore(clientName: "ticketq-quarantine")
            do {
                guard let info = try lanes.quarantined()[id] else {
                    Diagnostics.error("no quarantined message with id \(id)")
                    throw ExitStatus.failure
                }
                if raw {
                    FileHandle.standardOutput.write(Data(try lanes.quarantinedMessage(id: id) ?? []))
                } else {
                    print(info)
                }
            } catch let error as LanesError {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
        }
    }
}
