/// Measures models: on a labelled set, or by stratified k-fold cross-validation.
public enum IntentEvaluator {
    /// How `model` does on `examples`.
    public static func evaluate(_ model: IntentModel, on examples: [LabelledUtterance]) -> EvaluationReport {
        let predictions = model.predict(examples.map(\.text))
        return EvaluationReport(truth: examples.map(\.intent), predicted: predictions.map(\.intent))
    }

    /// Trains `trainer` `folds` times, each time holding out one stratified fold, and pools the
    /// held-out predictions. Fold assignment uses the trainer's seed.
    public static func crossValidate(
        _ trainer: IntentTrainer, on examples: [LabelledUtterance], folds: Int
    ) throws(TriageError) -> CrossValidationReport {
        let assignment = try StratifiedFolds.assign(
            intents: examples.map(\.intent), folds: folds, seed: trainer.trainingConfiguration.seed
        )
        let dataset = try PreparedDataset(examples: examples, configuration: trainer.featureConfiguration)
        var predicted = [String](repeating: "", count: examples.count)
        var foldAccuracies: [Double] = []
        for fold in 0..<folds {
            let trainingRows = assignment.indices.filter { assignment[$0] != fold }
            let heldOut = assignment.indices.filter { assignment[$0] == fold }
            let model = try trainer.train(dataset, rows: trainingRows, notice: "")
            var extractor = FeatureExtractor(configuration: model.featureConfiguration)
            var hits = 0
            for row in heldOut {
                predicted[row] = model.predict(examples[row].text, using: &extractor).intent
                if predicted[row] == examples[row].intent { hits += 1 }
            }
            foldAccuracies.append(Double(hits) / Double(heldOut.count))
        }
        return CrossValidationReport(
            foldAccuracies: foldAccuracies,
            pooled: EvaluationReport(truth: examples.map(\.intent), predicted: predicted)
        )
    }
}
