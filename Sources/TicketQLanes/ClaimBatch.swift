/// The result of one claim: the server's clock at the claim and the tickets.
public struct ClaimBatch: Sendable {
    /// Redis `TIME` when the batch was claimed, milliseconds since the epoch.
    public let serverTimeMillis: Int64
    /// The claimed tickets, highest priority first.
    public let tickets: [ClaimedTicket]
    /// Suspects left waiting after this claim (see ``ClaimScope/suspect``).
    public let suspectsWaiting: Int

    /// Creates a batch.
    public init(serverTimeMillis: Int64, tickets: [ClaimedTicket], suspectsWaiting: Int = 0) {
        self.serverTimeMillis = serverTimeMillis
        self.tickets = tickets
        self.suspectsWaiting = suspectsWaiting
    }
}
