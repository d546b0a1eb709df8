import ArgumentParser
import Foundation
import TicketQConfig
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
            built-in one.
            """,
        subcommands: [TriageTrainCommand.self, TriageEvalCommand.self]
    )

    @OptionGroup var policies: PolicyOptions

    @Flag(help: "Read JSONL tickets from standard input and print one decision per line.")
    var jsonl = false

    @Option(help: ArgumentHelp("The brand of lines that name none.", valueName: "brand"))
    var brand: String?

    @Option(help: ArgumentHelp("The model file (default: the lookup order above).", valueName: "path"))
    var model: String?

    @Option(name: .customLong("review-threshold"), help: "Confidence below which a ticket is filed under the default category and marked needs_review.")
    var reviewThreshold = TicketTriager.defaultReviewThreshold

    func validate() throws {
        guard jsonl else { throw ValidationError("give --jsonl (or a subcommand: train, eval)") }
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
}
