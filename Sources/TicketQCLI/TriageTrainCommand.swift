import ArgumentParser
import Foundation
import TicketQTriage

/// `ticketq triage train`: train the intent model from a labelled CSV file.
public struct TriageTrainCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the intent model from a labelled CSV file (columns utterance and intent).",
        discussion: """
            Training is seeded: the same data, options and seed write a byte-identical model file. \
            With --folds K, stratified K-fold cross-validation runs first and its metrics are printed.
            """
    )

    /// The default provenance notice, describing the Bitext data set shipped in `data/`.
    static let bitextNotice = "Trained on the Bitext Sample Pre-built Customer Support Dataset for English, "
        + "(c) Bitext Innovations, licensed under CDLA-Sharing-1.0 (https://cdla.dev/sharing-1-0/); "
        + "this model is data derived from it and is published under the same licence."

    @Option(name: .long, help: "The labelled CSV file.")
    var data: String

    @Option(name: .long, help: "Where to write the model file.")
    var out: String

    @Option(name: .long, help: "The seed of every random choice.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "Run stratified K-fold cross-validation before training.")
    var folds: Int?

    @Option(name: .long, help: "The provenance and licence notice stored in the model file.")
    var notice: String = TriageTrainCommand.bitextNotice

    @Option(name: .long, help: "Weight precision in the model file: int8 or float32.")
    var precision: String = WeightPrecision.int8.rawValue

    /// Creates the command with default options (used by the argument parser).
    public init() {}

    /// Validates the options before running.
    public func validate() throws {
        if let folds, folds < 2 { throw ValidationError("--folds must be at least 2, got \(folds)") }
        guard WeightPrecision(rawValue: precision) != nil else {
            throw ValidationError("--precision must be int8 or float32, got '\(precision)'")
        }
    }

    /// Trains, optionally cross-validates, and writes the model.
    public func run() throws {
        do {
            try execute()
        } catch {
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        }
    }

    private func execute() throws(TriageError) {
        let examples = try LabelledCSV.examples(path: data)
        var trainingConfiguration = TrainingConfiguration()
        trainingConfiguration.seed = seed
        trainingConfiguration.precision = WeightPrecision(rawValue: precision) ?? .int8
        let trainer = IntentTrainer(trainingConfiguration: trainingConfiguration)
        if let folds {
            let clock = ContinuousClock()
            let start = clock.now
            let report = try IntentEvaluator.crossValidate(trainer, on: examples, folds: folds)
            print(TriageReportFormatter.crossValidation(report, seed: seed, elapsed: clock.now - start))
            print("")
        }
        let clock = ContinuousClock()
        let start = clock.now
        let model = try trainer.train(examples, notice: notice)
        let elapsed = clock.now - start
        try ModelFile.save(model, path: out)
        let size = ModelFile.encode(model).count
        print("trained \(model.modelVersion) on \(examples.count) examples, \(model.intents.count) intents "
            + "in \(TriageReportFormatter.seconds(elapsed))")
        print("wrote \(out): \(size) bytes, \(model.rowCount) weight rows, \(model.trainingConfiguration.precision.rawValue) weights")
    }
}
