import TicketQCore
/// Seeded stratified assignment of examples to cross-validation folds: each intent's examples
/// are shuffled and dealt round-robin, so every fold holds about the same share of every intent.
public enum StratifiedFolds {
    /// The fold (`0 ..< folds`) of each example, given each example's intent.
    public static func assign(intents: [String], folds: Int, seed: UInt64) throws(TriageError) -> [Int] {
        guard folds >= 2 else { throw .invalidConfiguration("cross-validation needs at least 2 folds, got \(folds)") }
        guard intents.count >= folds else {
            throw .unusableDataset("\(intents.count) examples cannot fill \(folds) folds")
        }
        var generator = SplitMix64(seed: seed)
        var membersOfIntent: [String: [Int]] = [:]
        for (index, intent) in intents.enumerated() { membersOfIntent[intent, default: []].append(index) }
        var assignment = [Int](repeating: 0, count: intents.count)
        var next = 0
        for intent in membersOfIntent.keys.sorted() {
            var members = membersOfIntent[intent]!
            generator.shuffle(&members)
            for member in members {
                assignment[member] = next
                next = (next + 1) % folds
            }
        }
        return assignment
    }
}
