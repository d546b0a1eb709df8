/// What a brand promises for one ticket category.
public struct CategoryPolicy: Sendable, Hashable {
    /// A resolution target that overrides the lane's (spec §6).
    public let resolution: SLATarget?
    /// An informational refund settlement window for reply templates.
    public let refundSettlement: SettlementWindow?
    /// The brand text the category's promise comes from, for audit.
    public let source: String?

    /// Creates a category policy.
    public init(resolution: SLATarget? = nil, refundSettlement: SettlementWindow? = nil, source: String? = nil) {
        self.resolution = resolution
        self.refundSettlement = refundSettlement
        self.source = source
    }
}
