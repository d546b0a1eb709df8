/// What a group commit did with each outcome of its batch.
public struct InsertResult: Sendable, Hashable {
    /// Tickets that had no row and got one.
    public var inserted: [String]
    /// Tickets whose existing row was replaced by this batch's outcome (see
    /// ``OutcomeStore/insert(batch:)`` for when that happens).
    public var updated: [String]
    /// Tickets whose outcome was suppressed because the store already holds that ticket's outcome.
    public var duplicates: [String]

    /// Creates a result from its lists.
    public init(inserted: [String] = [], updated: [String] = [], duplicates: [String] = []) {
        self.inserted = inserted
        self.updated = updated
        self.duplicates = duplicates
    }

    /// How many outcomes were suppressed as duplicates.
    public var duplicateCount: Int { duplicates.count }

    /// Tickets whose row now holds this batch's outcome (inserted or updated).
    public var stored: [String] { inserted + updated }
}
