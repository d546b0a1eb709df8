/// The result of one claim: the server's clock at the claim and the tickets.
public struct ClaimBatch: Sendable {
    /// Redis `TIME` when the batch was claimed, milliseconds since the epoch.
    public let serverTimeMillis: Int64
    /// The claimed tickets, highest priority first.
    public let tickets: [ClaimedTicket]
}
