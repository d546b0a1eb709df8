import ArgumentParser
import Foundation
import TicketQTriage

/// `ticketq triage eval`: measure the intent classifier on a labelled CSV file.
public struct TriageEvalCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Print accuracy, macro-F1, per-intent metrics and the confusion pairs of the intent classifier.",
        discussion: """
            With --model, the model is evaluated on the whole CSV file and its classification \
            throughput (one thread) is printed. Otherwise stratified K-fold cross-validation \
            trains and tests on the file (default 5 folds).
            """
    )

    @Option(name: .long, help: "The labelled CSV file.")
    var data: String

    @Option(name: .long, help: "Evaluate this model file instead of cross-validating.")
    var model: String?

    @Option(name: .long, help: "The number of cross-validation folds (default 5).")
    var folds: Int?

    @Option(name: .long, help: "The seed of fold assignment and training.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "How many confusion pairs to print.")
    var pairs: Int = 15

    /// Creates the command with default options (used by the argument parser).
    public init() {}

    /// Validates the options before running.
    public func validate() throws {
        if model != nil, folds != nil { throw ValidationError("--model and --folds cannot be combined") }
        if let folds, folds < 2 { throw ValidationError("--folds must be at least 2, got \(folds)") }
        guard pairs >= 0 else { throw ValidationError("--pairs must not be negative") }
    }

    /// Runs the evaluation and prints the report.
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
        if let model {
            try evaluate(modelPath: model, on: examples)
        } else {
            var trainingConfiguration = TrainingConfiguration()
            trainingConfiguration.seed = seed
            let trainer = IntentTrainer(trainingConfiguration: trainingConfiguration)
            let clock = ContinuousClock()
            let start = clock.now
            let report = try IntentEvaluator.crossValidate(trainer, on: examples, folds: folds ?? 5)
            print(TriageReportFormatter.crossValidation(report, seed: seed, elapsed: clock.now - start))
            print("")
            print(TriageReportFormatter.details(report.pooled, pairs: pairs))
        }
    }

    private func evaluate(modelPath: String, on examples: [LabelledUtterance]) throws(TriageError) {
        let intentModel = try ModelFile.load(path: modelPath)
        let texts = examples.map(\.text)
        var extractor = FeatureExtractor(configuration: intentModel.featureConfiguration)
        let predicted = texts.map { intentModel.predict($0, using: &extractor).intent }
        let (count, elapsed) = measureThroughput(of: intentModel, on: texts, extractor: &extractor)
        let report = EvaluationReport(truth: examples.map(\.intent), predicted: predicted)
        print("model: \(intentModel.modelVersion) (\(intentModel.intents.count) intents, \(intentModel.rowCount) weight rows)")
        print(TriageReportFormatter.summary(report))
        print("throughput: \(TriageReportFormatter.throughput(count: count, elapsed: elapsed)) on one thread")
        print("")
        print(TriageReportFormatter.details(report, pairs: pairs))
    }

    /// Classifies `texts` again and again, after the warm-up of the evaluation pass, until at
    /// least a second has passed; returns how many classifications ran and how long they took.
    private func measureThroughput(
        of model: IntentModel, on texts: [String], extractor: inout FeatureExtractor
    ) -> (Int, Duration) {
        let clock = ContinuousClock()
        let start = clock.now
        var count = 0
        var checksum = 0.0
        repeat {
            for text in texts { checksum += model.predict(text, using: &extractor).confidence }
            count += texts.count
        } while clock.now - start < .seconds(1)
        let elapsed = clock.now - start
        // Using the result keeps the optimiser from discarding the loop.
        precondition(checksum.isFinite, "confidences must be finite")
        return (count, elapsed)
    }
}
