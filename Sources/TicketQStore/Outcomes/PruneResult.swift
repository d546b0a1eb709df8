/// What ``OutcomeStore/prune(completedBefore:batchSize:export:)`` did.
public struct PruneResult: Sendable, Hashable {
    /// Settled outcomes deleted.
    public var deleted: Int
    /// Outcomes completed before the cutoff that were kept because their ack is not confirmed yet.
    public var keptUnconfirmed: Int
    /// Transactions the deletion took.
    public var transactions: Int

    /// Creates a result; see the properties for their meaning.
    public init(deleted: Int = 0, keptUnconfirmed: Int = 0, transactions: Int = 0) {
        self.deleted = deleted
        self.keptUnconfirmed = keptUnconfirmed
        self.transactions = transactions
    }
}
