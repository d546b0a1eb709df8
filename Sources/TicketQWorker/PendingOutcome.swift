import TicketQLanes
import TicketQStore

/// An outcome waiting for its group commit, and the delivery it settles.
struct PendingOutcome: Sendable {
    let record: OutcomeRecord
    let lease: TicketLease
    /// When the ticket was claimed (server clock, ms), for the processing-time metric.
    let claimedAtMillis: Int64
    /// The dead-letter description, for dead outcomes.
    let deadInfoJSON: String?
}
