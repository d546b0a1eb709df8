import ArgumentParser
import Foundation
import TicketQConfig
import TicketQCore

/// `ticketq sla`: the SLA engine on the command line, for one ticket or a JSONL batch.
struct SLACommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sla",
        abstract: "Compute a ticket's lane and due times from its brand policy and business calendar.",
        discussion: """
            Single ticket:  ticketq sla --brand mejurn --category order_discrepancy --received 2026-11-27T16:30:00Z
            Batch:          ticketq sla --jsonl < requests.jsonl > results.jsonl

            Each JSONL input line is {"id"?, "received_utc", "brand"?, "category"?, "urgent"?, "complex"?,
            "high_volume_mode"?, "calendar"?, "rule"?}; each output line is the spec §6 record, or
            {"id", "error"} for a bad line. The exit status is 1 if any line failed.
            """
    )

    @Option(help: "Brand name (in --jsonl mode: the default for lines without one).")
    var brand: String?

    @Option(help: "Ticket category (unknown or absent: the brand's default category).")
    var category: String?

    @Option(help: ArgumentHelp("Receipt time, RFC 3339 (e.g. 2026-11-27T16:30:00Z).", valueName: "time"))
    var received: String?

    @Flag(help: "Triage flagged the ticket urgent.")
    var urgent = false

    @Flag(help: "Triage flagged the ticket complex.")
    var complex = false

    @Flag(name: .customLong("high-volume"), help: "The brand's high-volume switch was on at receipt.")
    var highVolume = false

    @Option(help: ArgumentHelp("A calendar file (YAML or JSON) that replaces the brand's calendar.", valueName: "file"))
    var calendar: String?

    @Flag(help: "Read JSONL requests from standard input and write one JSONL record per line.")
    var jsonl = false

    @OptionGroup var policies: PolicyOptions

    func validate() throws {
        if jsonl {
            if received != nil || category != nil || urgent || complex || highVolume {
                throw ValidationError("--jsonl reads ticket fields from each line; only --brand, --calendar and --policies apply")
            }
        } else {
            guard brand != nil else { throw ValidationError("--brand is required (or use --jsonl)") }
            guard received != nil else { throw ValidationError("--received is required (or use --jsonl)") }
        }
    }

    func run() throws {
        let catalog = try policies.loadCatalog()
        let calendarOverride = try calendar.map(loadCalendarFile)
        if jsonl {
            try runBatch(catalog: catalog, calendar: calendarOverride)
        } else {
            try runSingle(catalog: catalog, calendar: calendarOverride)
        }
    }

    private func runSingle(catalog: PolicyCatalog, calendar override: BusinessCalendar?) throws {
        do {
            let receipt = try RFC3339.parse(received ?? "")
            let policy = try catalog.policy(for: brand ?? "")
            let calendar = override ?? policy.calendar
            let facts = TicketFacts(category: category, urgent: urgent, complex: complex, highVolumeMode: highVolume)
            let resolution = try SLAEngine.resolve(receivedAt: receipt, policy: policy, facts: facts, calendar: calendar)
            if resolution.categoryFellBack, let category {
                Diagnostics.warning("unknown category \"\(category)\" for brand \(policy.brand); using \(policy.defaultCategory)")
            }
            print(resolution.jsonRecord(idJSON: "null", calendar: calendar))
        } catch let error as RFC3339.ParseError {
            throw ValidationError("--received: \(error.reason)")
        } catch let error as ConfigError {
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        } catch let error as SLAError {
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        }
    }

    private func runBatch(catalog: PolicyCatalog, calendar: BusinessCalendar?) throws {
        if let brand { _ = try? catalog.policy(for: brand) }
        let batch = SLABatch(catalog: catalog, defaultBrand: brand, defaultCalendar: calendar)
        let output = OutputBuffer()
        var lineNumber = 0
        var answered = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            let (record, warnings) = batch.answer(line: Substring(line), lineNumber: lineNumber)
            for warning in warnings { Diagnostics.warning("line \(lineNumber): \(warning)") }
            if let record {
                output.writeLine(record)
                answered += 1
            }
        }
        output.flush()
        if batch.failedLines > 0 {
            Diagnostics.error("\(batch.failedLines) of \(answered) requests failed")
            throw ExitStatus.failure
        }
    }

    private func loadCalendarFile(_ path: String) throws -> BusinessCalendar {
        guard FileManager.default.fileExists(atPath: path) else {
            Diagnostics.error("\(path): calendar file does not exist")
            throw ExitStatus.configuration
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            Diagnostics.error("\(path): cannot be read as UTF-8 text")
            throw ExitStatus.configuration
        }
        do {
            return try CalendarDecoder.decode(try ConfigFile(path: path, contents: text).parse(), file: path)
        } catch {
            Diagnostics.error(error.description)
            throw ExitStatus.configuration
        }
    }
}
