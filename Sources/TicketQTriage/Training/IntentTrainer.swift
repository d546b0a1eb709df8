/// Trains an `IntentModel` from labelled utterances.
///
/// Training is deterministic: the same examples (in any order of intents, but the same row
/// order), configurations and seed produce a byte-identical model file.
public struct IntentTrainer: Sendable {
    /// The feature settings.
    public var featureConfiguration: FeatureConfiguration
    /// The training settings.
    public var trainingConfiguration: TrainingConfiguration

    /// Creates a trainer.
    public init(
        featureConfiguration: FeatureConfiguration = FeatureConfiguration(),
        trainingConfiguration: TrainingConfiguration = TrainingConfiguration()
    ) {
        self.featureConfiguration = featureConfiguration
        self.trainingConfiguration = trainingConfiguration
    }

    /// A model trained on all of `examples`; `notice` is stored in the model file (provenance
    /// and licence of the training data).
    public func train(_ examples: [LabelledUtterance], notice: String = "") throws(TriageError) -> IntentModel {
        let dataset = try PreparedDataset(examples: examples, configuration: featureConfiguration)
        return try train(dataset, rows: Array(0..<examples.count), notice: notice)
    }

    /// A model trained on `rows` of an already extracted data set.
    func train(_ dataset: PreparedDataset, rows: [Int], notice: String) throws(TriageError) -> IntentModel {
        try featureConfiguration.validate()
        try trainingConfiguration.validate()
        guard dataset.featureConfiguration == featureConfiguration else {
            throw .invalidConfiguration("the data set was extracted with different feature settings")
        }
        let present = Set(rows.map { dataset.labels[$0] })
        guard present.count >= 2 else {
            throw .unusableDataset("training needs at least two intents, found \(present.count)")
        }
        let weights: LinearWeights
        switch trainingConfiguration.algorithm {
        case .linearSVM:
            weights = LinearSVMTrainer(configuration: trainingConfiguration)
                .train(matrix: dataset.matrix, labels: dataset.labels, rows: rows, classCount: dataset.intents.count)
        case .averagedPerceptron:
            weights = AveragedPerceptronTrainer(configuration: trainingConfiguration)
                .train(matrix: dataset.matrix, labels: dataset.labels, rows: rows, classCount: dataset.intents.count)
        }
        return ModelAssembler(
            intents: dataset.intents, featureConfiguration: featureConfiguration,
            trainingConfiguration: trainingConfiguration, notice: notice
        ).assemble(weights, columnBuckets: dataset.matrix.columnBuckets)
    }
}
