import ArgumentParser
import Foundation
import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQMail
import TicketQTriage

/// `ticketq triage`: classify tickets; `train` and `eval` build and measure the classifier.
struct TriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Decide tickets' intent, category, urgency and complexity; train and evaluate the classifier.",
        discussion: """
            ticketq triage [--brand B] --jsonl < tickets.jsonl reads one ticket (or {"id", "brand", "text"}) \
            per line and prints {"id", "intent", "confidence", "category", "urgent", "complex", \
            "needs_review"} per line; category and urgent appear when the brand is known. A bad line \
            yields {"id", "error"} and exit status 1; the other lines are still answered. The model is \
            --model PATH, else $TICKETQ_MODEL, else /usr/share/ticketq/triage-model.bin, else the \
            built-in one. --format eml FILE… (one message per file) and --format mbox FILE… run the \
            email parser first; each record's id is the ticket id and message_id the Message-ID as \
            written (angle brackets included), and mime_defects lists what the parser recovered from             (e.g. ["missing_header_separator"], empty for clean mail); the brand comes from the             recipient address.
            """,
        subcommands: [TriageTrainCommand.self, TriageEvalCommand.self]
    )

    @OptionGroup var policies: PolicyOptions

    @Flag(help: "Read JSONL tickets from standard input and print one decision per line.")
    var jsonl = false

    @Option(help: "Input format: jsonl (standard input), eml or mbox (files).")
    var format: InputFormat?

    @Argument(help: ArgumentHelp("Email files for --format eml or mbox.", valueName: "file"))
    var files: [String] = []

    @Option(help: ArgumentHelp("The brand of lines that name none.", valueName: "brand"))
    var brand: String?

    @Option(help: ArgumentHelp("The model file (default: the lookup order above).", valueName: "path"))
    var model: String?

    @Option(name: .customLong("review-threshold"), help: "Confidence below which a ticket is filed under the default category and marked needs_review.")
    var reviewThreshold = TicketTriager.defaultReviewThreshold

    func validate() throws {
        guard jsonl || format != nil else { throw ValidationError("give --jsonl, --format eml|mbox FILE…, or a subcommand (train, eval)") }
        if jsonl, let format, format != .jsonl { throw ValidationError("--jsonl and --format \(format.rawValue) cannot be combined") }
        if (format ?? .jsonl) == .jsonl, !files.isEmpty { throw ValidationError("JSONL is read from standard input; files are for --format eml or mbox") }
        guard (0...1).contains(reviewThreshold) else { throw ValidationError("--review-threshold must be between 0 and 1") }
    }

    func run() throws {
        let catalog = try policies.loadCatalog()
        if let brand, catalog.brands[brand] == nil {
            Diagnostics.error("--brand: unknown brand \"\(brand)\"; configured brands: \(catalog.brands.keys.sorted().joined(separator: ", "))")
            throw ExitStatus.usage
        }
        let located: (model: IntentModel, source: ModelLocator.Source)
        do {
            located = try ModelLocator.load(explicitPath: model)
        } catch {
            Diagnostics.error("cannot load the triage model: \(error)")
            throw ExitStatus.failure
        }
        let triager = TicketTriager(model: located.model, reviewThreshold: reviewThreshold)
        if let format, format != .jsonl {
            try triageMail(format: format, triager: triager, catalog: catalog)
            return
        }
        let batch = TriageBatch(
            triager: TicketTriager(model: located.model, reviewThreshold: reviewThreshold), catalog: catalog, defaultBrand: brand
        )
        let output = OutputBuffer()
        while let line = readLine(strippingNewline: true) {
            if let record = batch.answer(line: Substring(line)) { output.writeLine(record) }
        }
        output.flush()
        if batch.failedLines > 0 { throw ExitStatus.failure }
    }

    private func triageMail(format: InputFormat, triager: TicketTriager, catalog: PolicyCatalog) throws {
        let output = OutputBuffer()
        var failures = 0
        let messages = MailInput.messages(format: format, files: files) { file, reason in
            Diagnostics.error("\(file): \(reason)")
            failures += 1
        }
        let builder = EmailTicketBuilder(catalog: catalog)
        let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        var extractor = triager.makeExtractor()
        for message in messages {
            do {
                let (ticket, email) = try builder.ticket(from: message.raw, now: now)
                let decision = triager.triage(subject: ticket.subject, body: ticket.body, policy: catalog.brands[ticket.brand], using: &extractor)
                output.writeLine(TriageBatch.record(id: ticket.id, messageID: email.messageID, decision, mimeDefects: email.defects.map(\.rawValue)))
            } catch {
                failures += 1
                var object = JSONObjectWriter()
                object.add("source", message.source)
                object.add("error", error.reason)
                output.writeLine(object.json)
            }
        }
        output.flush()
        if failures > 0 { throw ExitStatus.failure }
    }
}
