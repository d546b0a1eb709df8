import ArgumentParser
import Foundation
import TicketQCore
import TicketQIntake
import TicketQMail
import TicketQLanes
import TicketQRedis
import TicketQTriage

/// `ticketq submit`: enqueue JSONL tickets.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Validate tickets (JSONL) or emails, work out their lane and due times, and enqueue them.",
        discussion: """
            JSONL: each line is a ticket object: id, brand, received_at, subject and/or body, and optional \
            from, message_id, order_id, category, urgent, complex. Every rejected line is reported on \
            standard error with its line number and reason; the valid lines are still enqueued. \
            --format eml FILE…: one raw RFC 5322 message per file; --format mbox FILE…: mailbox files. \
            A message that cannot become a ticket goes to the quarantine (ticketq quarantine) with its \
            reason; its neighbours are still enqueued. A ticket whose id was already submitted with the \
            same content is a duplicate (a retry, not enqueued again); with different content it is a \
            conflict, rejected with its line and reason while the first ticket stands. Tickets without \
            a category are triaged. Exit \
            status: 0 all accepted or duplicate; 2 some lines were rejected or messages quarantined; \
            1 Redis did not accept some tickets.
            """
    )

    @OptionGroup var redis: RedisOptions
    @OptionGroup var policies: PolicyOptions

    @Option(help: "Input format: jsonl (tickets), eml (one message per file) or mbox.")
    var format: InputFormat = .jsonl

    @Argument(help: ArgumentHelp("Input files, or - for standard input (the default). JSONL takes one.", valueName: "file"))
    var files: [String] = []

    private var file: String { files.first ?? "-" }

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
        if format == .jsonl, files.count > 1 { throw ValidationError("--format jsonl reads one file; give one path or -") }
    }

    func run() throws {
        let catalog = try policies.loadCatalog()
        let handle: FileHandle
        if format != .jsonl {
            handle = .standardInput
        } else if file == "-" {
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
            Diagnostics.error("cannot read the brands' high-volume switches: \(RedisOptions.explain(error, url: lanes.connection.url))")
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
        var quarantined = 0
        var unreadable = 0
        if format == .jsonl {
            do {
                try LineReader(handle: handle).forEachLine { line, number in
                    submitter.add(line: line, number: number, now: now)
                }
            } catch {
                Diagnostics.error("\(file == "-" ? "standard input" : file): read failed: \(error.localizedDescription)")
                throw ExitStatus.failure
            }
        } else {
            let builder = EmailTicketBuilder(catalog: catalog, textLimit: TicketTextLimit(bytes: textLimit) ?? .default)
            let messages = MailInput.messages(format: format, files: files) { file, reason in
                Diagnostics.error("\(file): \(reason)")
                unreadable += 1
            }
            for (number, message) in messages.enumerated() {
                do {
                    let built = try builder.ticket(from: message.raw, now: now)
                    submitter.add(built.ticket, number: number + 1, now: now, mimeDefects: built.email.defects.map(\.rawValue))
                } catch {
                    quarantined += 1
                    do {
                        if let id = try QuarantineRecord.store(message.raw, source: message.source, reason: error.reason, in: lanes) {
                            Diagnostics.error("\(message.source): quarantined as \(id): \(error.reason)")
                        } else {
                            Diagnostics.error("\(message.source): not accepted: larger than the quarantine's byte limit (ticketq deployment retention): \(error.reason)")
                        }
                    } catch {
                        Diagnostics.error("\(message.source): could not be quarantined: \(error)")
                        unreadable += 1
                    }
                }
            }
        }
        submitter.finish()
        let report = submitter.report
        for rejection in report.rejected { Diagnostics.error(rejection.description) }
        if json {
            var object = JSONObjectWriter()
            object.add("accepted", Int64(report.accepted))
            object.add("duplicate", Int64(report.duplicates))
            object.add("conflict", Int64(report.conflicts))
            object.add("rejected", Int64(report.rejected.count))
            object.add("not_accepted", Int64(report.notAccepted))
            object.add("received_in_future", Int64(report.receivedInFuture))
            object.add("needs_review", Int64(report.needsReview))
            if format != .jsonl { object.add("quarantined", Int64(quarantined)) }
            object.add("refusal", report.refusal)
            print(object.json)
        } else {
            print("accepted \(report.accepted), duplicate \(report.duplicates), rejected \(report.rejected.count)"
                + (report.conflicts > 0 ? " (\(report.conflicts) conflicting)" : "")
                + (format != .jsonl ? ", quarantined \(quarantined)" : "")
                + (report.notAccepted > 0 ? ", not accepted \(report.notAccepted)" : ""))
        }
        if report.notAccepted > 0 {
            let refusal = report.refusal ?? "unknown reason"
            let hint = refusal.contains("NOPERM") ? " (\(RedisOptions.roleHint))" : ""
            Diagnostics.error("Redis did not accept \(report.notAccepted) tickets: \(refusal)\(hint)")
            throw ExitStatus.failure
        }
        if unreadable > 0 { throw ExitStatus.failure }
        if !report.rejected.isEmpty || quarantined > 0 { throw ExitStatus.rejectedInput }
    }
}
