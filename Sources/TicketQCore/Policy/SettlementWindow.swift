/// An informational window in business days, quoted in replies but never a ticket deadline —
/// e.g. Pandorana's "refund … typically within 5–10 business days" after the refund is issued.
public struct SettlementWindow: Sendable, Hashable {
    /// Fewest business days.
    public let minimumDays: Int
    /// Most business days.
    public let maximumDays: Int
    /// The event the window counts from, e.g. `refund_issued`.
    public let from: String

    /// Creates a window.
    public init(minimumDays: Int, maximumDays: Int, from: String) {
        self.minimumDays = minimumDays
        self.maximumDays = maximumDays
        self.from = from
    }
}
