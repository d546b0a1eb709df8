/// The effective receipt and due instant of one target for one receipt.
public struct DueDate: Sendable, Hashable {
    /// The effective receipt E (spec §4).
    public let effectiveReceipt: Instant
    /// The due instant.
    public let due: Instant
}
