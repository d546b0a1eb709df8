/// What one group commit did: the result of each batch and of each group of ack confirmations.
public struct GroupCommitResult: Sendable, Hashable {
    /// One result per batch, in the order given.
    public var inserts: [InsertResult]
    /// How many rows each group of confirmations confirmed, in the order given.
    public var confirmedAcks: [Int]

    /// Creates a result from its parts.
    public init(inserts: [InsertResult] = [], confirmedAcks: [Int] = []) {
        self.inserts = inserts
        self.confirmedAcks = confirmedAcks
    }
}
