/// The result of k-fold cross-validation.
public struct CrossValidationReport: Sendable, Hashable {
    /// The held-out accuracy of each fold.
    public var foldAccuracies: [Double]
    /// Metrics over the held-out predictions of all folds together.
    public var pooled: EvaluationReport

    /// Creates a report.
    public init(foldAccuracies: [Double], pooled: EvaluationReport) {
        self.foldAccuracies = foldAccuracies
        self.pooled = pooled
    }

    /// The number of folds.
    public var folds: Int { foldAccuracies.count }

    /// The mean of the fold accuracies.
    public var meanAccuracy: Double { foldAccuracies.reduce(0, +) / Double(max(folds, 1)) }

    /// The sample standard deviation of the fold accuracies.
    public var accuracyStandardDeviation: Double {
        guard folds > 1 else { return 0 }
        let mean = meanAccuracy
        return (foldAccuracies.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(folds - 1)).squareRoot()
    }
}
