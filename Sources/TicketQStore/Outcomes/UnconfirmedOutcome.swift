/// An outcome row whose Redis ack has not been confirmed (see ``OutcomeStore/unconfirmedOutcomes(worker:olderThan:limit:)``).
public struct UnconfirmedOutcome: Sendable, Hashable {
    /// The ticket id.
    public var ticketID: String
    /// The fencing token of the delivery that wrote the row.
    public var fence: Int64
    /// The worker that wrote the row.
    public var worker: String
    /// The row's status (`done` or `dead`).
    public var status: OutcomeStatus
    /// When the outcome was produced, in epoch milliseconds.
    public var completedAt: Int64

    /// Creates a value from its parts.
    public init(ticketID: String, fence: Int64, worker: String, status: OutcomeStatus, completedAt: Int64) {
        self.ticketID = ticketID
        self.fence = fence
        self.worker = worker
        self.status = status
        self.completedAt = completedAt
    }

    /// The row as a fenced ticket reference, for ``OutcomeStore/markSuperseded(_:)``.
    public var fencedTicket: FencedTicket { FencedTicket(ticketID: ticketID, fence: fence) }
}
