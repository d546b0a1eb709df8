/// Precision, recall and F1 of one intent.
public struct IntentMetrics: Sendable, Hashable {
    /// The intent.
    public var intent: String
    /// Correct predictions of the intent divided by all predictions of it (1 when never predicted).
    public var precision: Double
    /// Correct predictions of the intent divided by its true occurrences (1 when it never occurs).
    public var recall: Double
    /// The harmonic mean of precision and recall.
    public var f1: Double
    /// The number of true occurrences.
    public var support: Int

    /// Creates metrics.
    public init(intent: String, precision: Double, recall: Double, f1: Double, support: Int) {
        self.intent = intent
        self.precision = precision
        self.recall = recall
        self.f1 = f1
        self.support = support
    }
}
