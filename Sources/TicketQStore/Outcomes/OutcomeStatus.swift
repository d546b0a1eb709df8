/// The state of a ticket's outcome row.
public enum OutcomeStatus: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The ticket was handled.
    case done
    /// The ticket went to the dead-letter set (too many deliveries, or undecodable).
    case dead
    /// The row lost to another delivery of the ticket: its ack was rejected or never confirmed.
    /// Hidden from `outcomes` listings by default.
    case superseded

    /// The status as stored and printed.
    public var description: String { rawValue }
}
