import ArgumentParser
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQStore

extension DLQCommand {
    /// `ticketq dlq list`: the dead letters, oldest first.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List dead letters, oldest first: id, when, reason, attempts and the last error.",
            discussion: "With --json, one object per line: {\"id\", \"dead_at\" (RFC 3339 UTC), \"info\" (the recorded object)}."
        )

        @OptionGroup var redis: RedisOptions

        @Flag(help: "Print JSON Lines instead of a table.")
        var json = false

        @Option(help: "At most this many dead letters.")
        var limit = 1000

        @Option(help: ArgumentHelp("Truncate the last error to this many characters in the table.", valueName: "n"))
        var width = 60

        func validate() throws {
            guard limit > 0 else { throw ValidationError("--limit must be at least 1, got \(limit)") }
            guard width >= 8 else { throw ValidationError("--width must be at least 8, got \(width)") }
        }

        func run() throws {
            let lanes = try redis.openLaneStore(clientName: "ticketq-dlq")
            let letters: [DeadLetter]
            do {
                letters = try lanes.deadLetters(limit: limit)
            } catch {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
            if json {
                let output = OutputBuffer()
                for letter in letters {
                    var object = JSONObjectWriter()
                    object.add("id", letter.id)
                    object.add("dead_at", UTCTimestamp.format(milliseconds: letter.deadAtMillis))
                    if (try? DeadLetterInfo(json: letter.infoJSON)) != nil {
                        object.addRaw("info", letter.infoJSON)
                    } else {
                        object.add("info", letter.infoJSON)
                    }
                    output.writeLine(object.json)
                }
                output.flush()
                return
            }
            guard !letters.isEmpty else {
                print("no dead letters")
                return
            }
            let rows = letters.map { letter in
                let info = Result { () throws(StoredRecordError) in try DeadLetterInfo(json: letter.infoJSON) }
                switch info {
                case let .success(info):
                    return [
                        TerminalText.sanitized(letter.id), UTCTimestamp.format(milliseconds: letter.deadAtMillis),
                        TerminalText.truncated(info.reason, to: 40), info.attempts.map(String.init) ?? "-",
                        TerminalText.truncated(info.lastError ?? "-", to: width),
                    ]
                case let .failure(error):
                    return [
                        TerminalText.sanitized(letter.id), UTCTimestamp.format(milliseconds: letter.deadAtMillis),
                        "-", "-", TerminalText.truncated("unreadable: \(error.problem)", to: width),
                    ]
                }
            }
            print(TextTable.render(header: ["id", "dead at (UTC)", "reason", "attempts", "last error"], rows: rows))
            if letters.count == limit { print("(first \(limit) shown; use --limit for more)") }
        }
    }
}
