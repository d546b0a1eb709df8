/// Where a ticket the deployment accepted stands in Redis, as seen by an audit.
public enum TicketState: String, Sendable, Hashable, Codable {
    /// Waiting in its lane.
    case queued
    /// Held by a worker under a lease.
    case inFlight = "in_flight"
    /// Waiting for its retry time.
    case retrying
    /// In the dead-letter queue.
    case deadLettered = "dead_lettered"
    /// Nothing left in Redis: settled (or lost).
    case gone
}
