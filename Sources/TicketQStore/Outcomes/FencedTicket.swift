/// A ticket together with the fencing token of one delivery of it. It names exactly one version
/// of the ticket's outcome row, so confirming or superseding an older delivery late cannot touch
/// the row a newer delivery wrote.
public struct FencedTicket: Sendable, Hashable {
    /// The ticket id.
    public var ticketID: String
    /// The fencing token of the delivery.
    public var fence: Int64

    /// Creates a fenced ticket reference.
    public init(ticketID: String, fence: Int64) {
        self.ticketID = ticketID
        self.fence = fence
    }
}
