import TicketQCore

/// One ticket handed to a worker by a claim.
public struct ClaimedTicket: Sendable, Hashable {
    /// The lease to settle it with.
    public let lease: TicketLease
    /// Deliveries so far, this one included.
    public let attempts: Int
    /// The lane it was claimed from.
    public let lane: Lane
    /// The lane intake put it in (outcomes and metrics use this one).
    public let intakeLane: Lane
    /// Whether it was promoted into the same-business-day lane.
    public let promoted: Bool
    /// The response due instant, milliseconds since the epoch.
    public let dueMillis: Int64
    /// When intake enqueued it, milliseconds since the epoch.
    public let enqueuedMillis: Int64
    /// The payload, or nil when it is missing from Redis (the ticket must be dead-lettered).
    public let payload: [UInt8]?
    /// Earlier deliveries that ended with their worker process dying (a suspect of killing
    /// workers, claimed alone); 0 for most tickets.
    public let crashedDeliveries: Int

    /// Creates a claimed ticket.
    public init(
        lease: TicketLease, attempts: Int, lane: Lane, intakeLane: Lane, promoted: Bool,
        dueMillis: Int64, enqueuedMillis: Int64, payload: [UInt8]?, crashedDeliveries: Int = 0
    ) {
        self.lease = lease
        self.attempts = attempts
        self.lane = lane
        self.intakeLane = intakeLane
        self.promoted = promoted
        self.dueMillis = dueMillis
        self.enqueuedMillis = enqueuedMillis
        self.payload = payload
        self.crashedDeliveries = crashedDeliveries
    }
}
