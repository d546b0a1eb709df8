import ArgumentParser
import TicketQCore
import TicketQStore

extension OutcomesCommand {
    /// `ticketq outcomes [list]`: stream matching outcomes as JSONL or CSV.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Print outcomes, one JSON object or CSV row each, keyed by column name (ticket_id, lane, status, …).",
            discussion: """
                Rows come in store order and are streamed, so listings of any size use little memory. \
                Superseded rows (a delivery that lost to another one) are hidden unless --all is given. \
                Timestamps are RFC 3339 UTC; --since and --until filter on completed_at.
                """
        )

        /// The output formats.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case jsonl
            case csv
        }

        @OptionGroup var store: StoreOptions

        @Option(help: "Output format.")
        var format: Format = .jsonl

        @Option(help: "Only this brand.")
        var brand: String?

        @Option(help: ArgumentHelp("Only this intake lane (\(Lane.allCases.map(\.rawValue).joined(separator: ", "))).", valueName: "lane"))
        var lane: String?

        @Option(help: ArgumentHelp("Only outcomes completed at or after this RFC 3339 time.", valueName: "time"))
        var since: String?

        @Option(help: ArgumentHelp("Only outcomes completed before this RFC 3339 time.", valueName: "time"))
        var until: String?

        @Flag(help: "Only outcomes that missed their response due time.")
        var breached = false

        @Flag(help: "Also list superseded rows.")
        var all = false

        @Option(help: "At most this many rows.")
        var limit: Int?

        func validate() throws {
            _ = try query()
        }

        /// The query the options describe.
        func query() throws(ValidationError) -> OutcomeQuery {
            var query = OutcomeQuery(brand: brand, breachedOnly: breached, includeSuperseded: all)
            if let lane {
                guard let parsed = Lane(rawValue: lane) else {
                    throw ValidationError("--lane: unknown lane \"\(lane)\"; expected one of \(Lane.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                query.lane = parsed
            }
            query.since = try since.map { text throws(ValidationError) in try Self.milliseconds(text, option: "--since") }
            query.until = try until.map { text throws(ValidationError) in try Self.milliseconds(text, option: "--until") }
            if let limit {
                guard limit >= 0 else { throw ValidationError("--limit must not be negative, got \(limit)") }
                query.limit = limit
            }
            return query
        }

        func run() throws {
            let query = try query()
            let outcomes = try store.openReadOnly()
            let output = OutputBuffer()
            do {
                switch format {
                case .jsonl:
                    let formatter = OutcomeJSONLFormatter()
                    try outcomes.forEach(matching: query) { output.writeLine(formatter.line(for: $0)) }
                case .csv:
                    // RFC 4180 ends records with CRLF; writeLine adds the LF.
                    let formatter = OutcomeCSVFormatter()
                    output.writeLine(formatter.header + "\r")
                    try outcomes.forEach(matching: query) { output.writeLine(formatter.row(for: $0) + "\r") }
                }
            } catch {
                output.flush()
                Diagnostics.error("reading \(outcomes.path): \(error)")
                throw ExitStatus.failure
            }
            output.flush()
        }

        static func milliseconds(_ text: String, option: String) throws(ValidationError) -> Int64 {
            do {
                return try RFC3339.parse(text).secondsSinceEpoch * 1000
            } catch {
                throw ValidationError("\(option): \(error.reason)")
            }
        }
    }
}
