/// A worker's claim on one ticket: the ticket id and the fencing token of this delivery.
///
/// Acks, renewals, retries and releases carry the token; Redis refuses them once the lease was
/// reaped and the ticket handed to someone else.
public struct TicketLease: Sendable, Hashable {
    /// The ticket id.
    public let id: String
    /// The fencing token, unique across all deliveries of all tickets.
    public let token: Int64

    /// Creates a lease.
    public init(id: String, token: Int64) {
        self.id = id
        self.token = token
    }
}
