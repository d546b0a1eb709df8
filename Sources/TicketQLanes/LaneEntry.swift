import TicketQCore

/// A ticket ready to be queued: where it goes, when it is due and its opaque payload.
public struct LaneEntry: Sendable, Hashable {
    /// The ticket id (the dedupe key).
    public let id: String
    /// The intake lane.
    public let lane: Lane
    /// The response due instant in milliseconds since the epoch (the lane's sort key).
    public let dueMillis: Int64
    /// When a lower-tier ticket moves into the same-business-day lane (nil: never by time).
    public let promoteAtMillis: Int64?
    /// When intake enqueued it, in milliseconds since the epoch.
    public let enqueuedMillis: Int64
    /// What the customer's content hashes to (``TicketQCore/Ticket/contentDigest``): a later
    /// submit of the id with another digest is a conflict, not a duplicate. Empty: unknown.
    public let contentDigest: String
    /// The serialized ticket a worker decodes.
    public let payload: [UInt8]

    /// Creates an entry.
    public init(
        id: String, lane: Lane, dueMillis: Int64, promoteAtMillis: Int64?, enqueuedMillis: Int64, contentDigest: String, payload: [UInt8]
    ) {
        self.id = id
        self.lane = lane
        self.dueMillis = dueMillis
        self.promoteAtMillis = promoteAtMillis
        self.enqueuedMillis = enqueuedMillis
        self.contentDigest = contentDigest
        self.payload = payload
    }
}
