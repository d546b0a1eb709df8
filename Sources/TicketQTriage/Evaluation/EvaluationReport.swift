/// Accuracy, macro-F1, per-intent metrics and the confusion matrix of a set of predictions.
public struct EvaluationReport: Sendable, Hashable {
    /// The intents, in the order of the confusion matrix's rows and columns.
    public let intents: [String]
    /// `confusion[truth][predicted]` counts examples.
    public let confusion: [[Int]]

    /// Builds the report from the true and predicted intent of each example.
    public init(truth: [String], predicted: [String]) {
        precondition(truth.count == predicted.count, "truth and predictions must have the same length")
        intents = Set(truth + predicted).sorted()
        let indexOfIntent = Dictionary(uniqueKeysWithValues: intents.enumerated().map { ($1, $0) })
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: intents.count), count: intents.count)
        for (actual, guess) in zip(truth, predicted) {
            confusion[indexOfIntent[actual]!][indexOfIntent[guess]!] += 1
        }
        self.confusion = confusion
    }

    /// The number of examples.
    public var total: Int { confusion.reduce(0) { $0 + $1.reduce(0, +) } }

    /// The number of correctly predicted examples.
    public var correct: Int { intents.indices.reduce(0) { $0 + confusion[$1][$1] } }

    /// The fraction of examples predicted correctly.
    public var accuracy: Double { total == 0 ? 0 : Double(correct) / Double(total) }

    /// Precision, recall and F1 of every intent that occurs in the truth.
    public var perIntent: [IntentMetrics] {
        intents.indices.compactMap { index in
            let support = confusion[index].reduce(0, +)
            guard support > 0 else { return nil }
            let predicted = confusion.reduce(0) { $0 + $1[index] }
            let hits = confusion[index][index]
            let precision = predicted == 0 ? 1 : Double(hits) / Double(predicted)
            let recall = Double(hits) / Double(support)
            let f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall)
            return IntentMetrics(intent: intents[index], precision: precision, recall: recall, f1: f1, support: support)
        }
    }

    /// The unweighted mean F1 over intents present in the truth, so rare intents count as much
    /// as frequent ones.
    public var macroF1: Double {
        let metrics = perIntent
        return metrics.isEmpty ? 0 : metrics.reduce(0) { $0 + $1.f1 } / Double(metrics.count)
    }

    /// The most frequent mistakes, most frequent first (ties by intent names).
    public func confusionPairs(limit: Int = .max) -> [ConfusionPair] {
        var pairs: [ConfusionPair] = []
        for truth in intents.indices {
            for predicted in intents.indices where predicted != truth && confusion[truth][predicted] > 0 {
                pairs.append(ConfusionPair(truth: intents[truth], predicted: intents[predicted], count: confusion[truth][predicted]))
            }
        }
        pairs.sort { ($1.count, $0.truth, $0.predicted) < ($0.count, $1.truth, $1.predicted) }
        return Array(pairs.prefix(limit))
    }
}
