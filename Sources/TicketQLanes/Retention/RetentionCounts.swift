/// What `ticketq migrate` found when it recounted the retained bytes.
public struct RetentionCounts: Sendable, Hashable {
    /// Bytes the dead letters hold.
    public let deadLetterBytes: Int64
    /// Bytes the quarantine holds.
    public let quarantineBytes: Int64
    /// Quarantined messages that had no time yet (from a release before retention).
    public let quarantinedWithoutTime: Int
}
