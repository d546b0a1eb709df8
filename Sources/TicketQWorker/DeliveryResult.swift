import TicketQCore
import TicketQLanes

/// What became of one delivery.
enum DeliveryResult: Sendable {
    /// An outcome to commit and acknowledge.
    case outcome(PendingOutcome)
    /// Retry after a backoff (no outcome row); `lane` is the intake lane, for metrics.
    case retry(TicketLease, Duration, lastError: String, lane: Lane)
    /// Hand back without counting the delivery (shutdown).
    case release(TicketLease)
}
