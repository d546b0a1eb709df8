/// The raw result of training: one weight per intent and dense feature column, plus biases.
struct LinearWeights: Sendable {
    /// The number of intents.
    let classCount: Int
    /// The number of dense feature columns.
    let columnCount: Int
    /// Class-major: the weight of intent `c` on column `j` is `weights[c * columnCount + j]`.
    var weights: [Double]
    /// One bias per intent.
    var biases: [Double]

    /// All-zero weights.
    init(classCount: Int, columnCount: Int) {
        self.classCount = classCount
        self.columnCount = columnCount
        weights = [Double](repeating: 0, count: classCount * columnCount)
        biases = [Double](repeating: 0, count: classCount)
    }
}
