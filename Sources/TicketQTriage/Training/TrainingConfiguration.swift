/// The settings of one training run. Stored in the model file and folded into its version.
public struct TrainingConfiguration: Sendable, Hashable, Codable {
    /// The learning algorithm.
    public var algorithm: TrainingAlgorithm
    /// The SVM's cost parameter C (larger fits the training data more closely).
    public var cost: Double
    /// How strongly rare intents are up-weighted in the SVM: each example's cost is multiplied
    /// by `(n / (k · n_intent)) ^ exponent` (n examples, k intents), so 0 weighs every example
    /// alike and 1 is fully balanced, as scikit-learn's `class_weight="balanced"`.
    public var classWeightExponent: Double
    /// The largest number of passes over the data.
    public var maxEpochs: Int
    /// The SVM stops when its projected gradient spread falls below this.
    public var tolerance: Double
    /// The seed of every random choice (example order, fold assignment).
    public var seed: UInt64
    /// How the weights are stored.
    public var precision: WeightPrecision
    /// The factor applied to scores before the softmax that yields confidences. The default, 6,
    /// minimised the negative log-likelihood of held-out predictions in 5-fold cross-validation
    /// on the Bitext data (expected calibration error 0.03 %).
    public var confidenceScale: Double

    /// Creates a configuration; the defaults are the ones measured best on the Bitext data.
    public init(
        algorithm: TrainingAlgorithm = .linearSVM,
        cost: Double = 0.5,
        classWeightExponent: Double = 0.5,
        maxEpochs: Int = 100,
        tolerance: Double = 0.1,
        seed: UInt64 = 1,
        precision: WeightPrecision = .int8,
        confidenceScale: Double = 6
    ) {
        self.algorithm = algorithm
        self.cost = cost
        self.classWeightExponent = classWeightExponent
        self.maxEpochs = maxEpochs
        self.tolerance = tolerance
        self.seed = seed
        self.precision = precision
        self.confidenceScale = confidenceScale
    }

    /// Checks the values a caller might get wrong.
    public func validate() throws(TriageError) {
        guard cost.isFinite, cost > 0 else { throw .invalidConfiguration("cost must be positive, got \(cost)") }
        guard classWeightExponent.isFinite, (0...1).contains(classWeightExponent) else {
            throw .invalidConfiguration("classWeightExponent must be in 0...1, got \(classWeightExponent)")
        }
        guard maxEpochs >= 1 else { throw .invalidConfiguration("maxEpochs must be at least 1, got \(maxEpochs)") }
        guard tolerance.isFinite, tolerance > 0 else {
            throw .invalidConfiguration("tolerance must be positive, got \(tolerance)")
        }
        guard confidenceScale.isFinite, confidenceScale > 0 else {
            throw .invalidConfiguration("confidenceScale must be positive, got \(confidenceScale)")
        }
    }
}
