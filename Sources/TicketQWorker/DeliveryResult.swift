import TicketQLanes

/// What became of one delivery.
enum DeliveryResult: Sendable {
    /// An outcome to commit and acknowledge.
    case outcome(PendingOutcome)
    /// Retry after a backoff (no outcome row).
    case retry(TicketLease, Duration, lastError: String)
    /// Hand back without counting the delivery (shutdown).
    case release(TicketLease)
}
