import ArgumentParser
import TicketQLanes
import TicketQRedis
import TicketQStore

extension DLQCommand {
    /// `ticketq dlq show ID`: one dead letter with its recorded info and payload.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show one dead letter: when, the recorded info (JSON) and the payload.",
            discussion: """
                The payload is printed as text; control characters and bytes that are not UTF-8 are shown \
                as escapes (\\x1b, \\xff), so nothing unprintable reaches the terminal.
                """
        )

        @Argument(help: "The ticket id.")
        var id: String

        @OptionGroup var redis: RedisOptions

        func run() throws {
            let lanes = try redis.openLaneStore(clientName: "ticketq-dlq")
            let letter: DeadLetter?
            do {
                letter = try lanes.deadLetter(id: id)
            } catch {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
            guard let letter else {
                Diagnostics.error("no dead letter with id \(TerminalText.sanitized(id))")
                throw ExitStatus.failure
            }
            print("id: \(TerminalText.sanitized(letter.id))")
            print("dead at: \(UTCTimestamp.format(milliseconds: letter.deadAtMillis))")
            print("info: \(TerminalText.sanitized(letter.infoJSON))")
            guard let payload = letter.payload else {
                print("payload: missing (only the id and info remain)")
                return
            }
            let note = TerminalText.isPlainText(payload) ? "" : ", not plain UTF-8 text: escaped"
            print("payload (\(payload.count) bytes\(note)):")
            print(TerminalText.payload(payload))
        }
    }
}
