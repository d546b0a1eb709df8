/// Labelled examples with their features extracted once, so cross-validation folds and
/// repeated training runs do not extract them again.
struct PreparedDataset: Sendable {
    /// The intents, sorted by name; a label is an index into this array.
    let intents: [String]
    /// The intent index of each example.
    let labels: [Int]
    /// The features of each example.
    let matrix: FeatureMatrix
    /// The settings the features were extracted with.
    let featureConfiguration: FeatureConfiguration

    init(examples: [LabelledUtterance], configuration: FeatureConfiguration) throws(TriageError) {
        try configuration.validate()
        guard !examples.isEmpty else { throw .unusableDataset("there are no examples") }
        intents = Set(examples.map(\.intent)).sorted()
        let indexOfIntent = Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($1, $0) })
        labels = examples.map { indexOfIntent[$0.intent]! }
        matrix = FeatureMatrix(texts: examples.map(\.text), configuration: configuration)
        featureConfiguration = configuration
    }
}
