/// What quarantining a message did.
public struct QuarantineAdmission: Sendable, Hashable {
    /// Whether the message is kept (false: it alone is larger than the quarantine's byte limit).
    public let stored: Bool
    /// Older messages evicted to keep the quarantine within its limits.
    public let evicted: [Eviction]
}
