import ArgumentParser
import Foundation
import TicketQCore
import TicketQIntake
import TicketQLanes
import TicketQRedis
import TicketQTriage

/// `ticketq submit`: enqueue JSONL tickets.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Validate tickets (JSONL), work out their lane and due times, and enqueue them.",
        discussion: """
            Each line is a ticket object: id, brand, received_at, subject and/or body, and optional from, \
            message_id, order_id, category, urgent, complex. Every rejected line is reported on standard \
            error with its line number and reason; the valid lines are still enqueued. Exit status: 0 all \
            accepted or duplicate; 2 some lines were rejected; 1 Redis did not accept some tickets.
            """
    )

    @OptionGroup var redis: RedisOptions
    @OptionGroup var policies: PolicyOptions

    @Argument(help: ArgumentHelp("A JSONL file, or - for standard input (the default).", valueName: "file"))
    var file: String = "-"

    @Option(help: "Tickets per Redis round trip.")
    var batch = 1000

    @Option(name: .customLong("text-limit"), help: "Bytes of subject and of body kept; longer text is truncated and flagged.")
    var textLimit = 64 * 1024

    @Flag(help: "Print the summary as JSON.")
    var json = false

    @Option(help: ArgumentHelp("The triage model for tickets without a category (default: $TICKETQ_MODEL, else /usr/share/ticketq/triage-model.bin, else the built-in one).", valueName: "path"))
    var model: String?

    func validate() throws {
        guard (1...10_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 10000") }
        guard textLimit >= 1024 else { throw ValidationError("--text-limit must be at least 1024 bytes") }
    }

    func run() throws {
        let catalog = try policies.loadCatalog()
        let handle: FileHandle
        if file == "-" {
            handle = .standardInput
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else {
                Diagnostics.error("\(file): cannot be opened for reading")
                throw ExitStatus.failure
            }
            handle = opened
        }
        let lanes = try redis.openLaneStore(clientName: "ticketq-submit")
        let highVolume: HighVolumeSchedule
        do {
            highVolume = try TicketSubmitter.highVolumeSchedule(from: lanes)
        } catch {
            Diagnostics.error("cannot read the brands' high-volume switches: \(error)")
            throw ExitStatus.failure
        }
        let url = try redis.resolvedURL()
        let keys = lanes.keys
        let triager: TicketTriager
        do {
            triager = TicketTriager(model: try ModelLocator.load(explicitPath: model).model)
        } catch {
            Diagnostics.error("cannot load the triage model: \(error)")
            throw ExitStatus.failure
        }
        let submitter = TicketSubmitter(
            catalog: catalog, highVolume: highVolume, textLimit: TicketTextLimit(bytes: textLimit) ?? .default, batchSize: batch,
            triager: triager
        ) {
            LaneStore(connection: try RedisConnection(url: url, options: RedisConnectionOptions(clientName: "ticketq-submit")), keys: keys)
        }
        let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        do {
            try LineReader(handle: handle).forEachLine { line, number in
                submitter.add(line: line, number: number, now: now)
            }
        } catch {
            Diagnostics.error("\(file == "-" ? "standard input" : file): read failed: \(error.localizedDescription)")
            throw ExitStatus.failure
        }
        submitter.finish()
        let report = submitter.report
        for rejection in report.rejected { Diagnostics.error(rejection.description) }
        if json {
            var object = JSONObjectWriter()
            object.add("accepted", Int64(report.accepted))
            object.add("duplicate", Int64(report.duplicates))
            object.add("rejected", Int64(report.rejected.count))
            object.add("not_accepted", Int64(report.notAccepted))
            object.add("received_in_future", Int64(report.receivedInFuture))
            object.add("needs_review", Int64(report.needsReview))
            object.add("refusal", report.refusal)
            print(object.json)
        } else {
            print("accepted \(report.accepted), duplicate \(report.duplicates), rejected \(report.rejected.count)"
                + (report.notAccepted > 0 ? ", not accepted \(report.notAccepted)" : ""))
        }
        if report.notAccepted > 0 {
            Diagnostics.error("Redis did not accept \(report.notAccepted) tickets: \(report.refusal ?? "unknown reason")")
            throw ExitStatus.failure
        }
        if !report.rejected.isEmpty { throw ExitStatus.rejectedInput }
    }
}
