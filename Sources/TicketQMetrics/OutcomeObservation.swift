import TicketQCore

/// What the metrics need to know about one outcome row after its commit (times in ms UTC).
public struct OutcomeObservation: Sendable {
    /// The ticket's brand.
    public var brand: String
    /// The intake lane (a promoted ticket keeps it).
    public var lane: Lane
    /// Whether the outcome is a dead letter rather than a completed ticket.
    public var dead: Bool
    /// When the ticket was received.
    public var receivedAt: Int64
    /// When it was enqueued.
    public var enqueuedAt: Int64
    /// When it was claimed.
    public var claimedAt: Int64
    /// When its outcome became durable.
    public var durableAt: Int64
    /// Its response due time.
    public var dueAt: Int64

    /// Creates an observation.
    public init(brand: String, lane: Lane, dead: Bool, receivedAt: Int64, enqueuedAt: Int64, claimedAt: Int64, durableAt: Int64, dueAt: Int64) {
        self.brand = brand
        self.lane = lane
        self.dead = dead
        self.receivedAt = receivedAt
        self.enqueuedAt = enqueuedAt
        self.claimedAt = claimedAt
        self.durableAt = durableAt
        self.dueAt = dueAt
    }
}
