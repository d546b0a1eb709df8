/// Tunables of the lanes shared by every process of a deployment.
public struct LaneConfiguration: Sendable, Hashable {
    /// How long a claim stays valid without renewal.
    public var leaseDuration: Duration
    /// The minimum share of claims the lower tier gets while it is not empty (0 … 0.5).
    public var lowerTierShare: Double
    /// How long a submitted ticket id is remembered for duplicate suppression.
    public var dedupeWindow: Duration

    /// Defaults: 10 s leases, a 10 % floor for the lower tier, a 24 h dedupe window.
    public init(leaseDuration: Duration = .seconds(10), lowerTierShare: Double = 0.10, dedupeWindow: Duration = .seconds(86_400)) {
        self.leaseDuration = leaseDuration
        self.lowerTierShare = min(max(lowerTierShare, 0), 0.5)
        self.dedupeWindow = dedupeWindow
    }

    /// Credit the lower tier earns per urgent claim so that its share is exactly ``lowerTierShare``.
    var lowerStep: Double {
        lowerTierShare >= 1 ? 1 : lowerTierShare / (1 - lowerTierShare)
    }
}

extension Duration {
    /// Whole milliseconds.
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
