/// How often one intent was mistaken for another.
public struct ConfusionPair: Sendable, Hashable {
    /// The true intent.
    public var truth: String
    /// The intent predicted instead.
    public var predicted: String
    /// The number of such mistakes.
    public var count: Int

    /// Creates a pair.
    public init(truth: String, predicted: String, count: Int) {
        self.truth = truth
        self.predicted = predicted
        self.count = count
    }
}
