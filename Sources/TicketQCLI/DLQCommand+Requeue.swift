import ArgumentParser
import TicketQLanes
import TicketQRedis

extension DLQCommand {
    /// `ticketq dlq requeue ID… | --all`: put dead letters back in their lanes.
    struct Requeue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "requeue",
            abstract: "Put dead letters back in their lanes with a fresh delivery count.",
            discussion: "Exits 1 when some of the given ids are not dead letters (the others are still requeued)."
        )

        @Argument(help: "The ticket ids to requeue.")
        var ids: [String] = []

        @Flag(help: "Requeue every dead letter.")
        var all = false

        @OptionGroup var redis: RedisOptions

        func validate() throws {
            if all && !ids.isEmpty { throw ValidationError("give ticket ids or --all, not both") }
            if !all && ids.isEmpty { throw ValidationError("give the ticket ids to requeue, or --all") }
        }

        func run() throws {
            let lanes = try redis.openLaneStore(clientName: "ticketq-dlq")
            let requested = Array(Set(ids))
            let requeued: Int
            do {
                // An empty list means every dead letter, which validate() only allows with --all.
                requeued = try lanes.requeueDeadLetters(all ? [] : requested)
            } catch {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
            print("requeued \(requeued) dead letter\(requeued == 1 ? "" : "s")")
            if !all && requeued < requested.count {
                let missing = requested.count - requeued
                Diagnostics.error("\(missing) of the \(requested.count) given ids \(missing == 1 ? "was" : "were") not requeued (not dead letters, or their ticket data is gone)")
                throw ExitStatus.failure
            }
        }
    }
}
