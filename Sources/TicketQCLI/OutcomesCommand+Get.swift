import ArgumentParser
import TicketQStore

extension OutcomesCommand {
    /// `ticketq outcomes get ID`: one ticket's outcome as a JSON object.
    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",
            abstract: "Print one ticket's outcome (any status) as a JSON object with the same keys as the JSONL listing."
        )

        @Argument(help: "The ticket id.")
        var id: String

        @OptionGroup var store: StoreOptions

        func run() throws {
            let outcomes = try store.openReadOnly()
            let record: OutcomeRecord?
            do {
                record = try outcomes.get(ticketID: id)
            } catch {
                Diagnostics.error("reading \(outcomes.path): \(error)")
                throw ExitStatus.failure
            }
            guard let record else {
                Diagnostics.error("no outcome for ticket \(id) in \(outcomes.path)")
                throw ExitStatus.failure
            }
            print(OutcomeJSONLFormatter().line(for: record))
        }
    }
}
