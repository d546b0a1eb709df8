/// One lane of a brand: its response target, optional resolution target and, for `extended`,
/// the ticket conditions that select it (spec §6).
public struct LanePolicy: Sendable, Hashable {
    /// The response deadline, used for queueing.
    public let response: SLATarget
    /// An independent resolution deadline, when the lane promises one.
    public let resolution: SLATarget?
    /// The conditions that put a ticket into this lane (used by `extended` only).
    public let triggers: Set<ExtendedTrigger>
    /// The brand text the lane comes from, for audit.
    public let source: String?

    /// Creates a lane policy.
    public init(response: SLATarget, resolution: SLATarget? = nil, triggers: Set<ExtendedTrigger> = [], source: String? = nil) {
        self.response = response
        self.resolution = resolution
        self.triggers = triggers
        self.source = source
    }
}
