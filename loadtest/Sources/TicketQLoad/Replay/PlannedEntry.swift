import TicketQCore
import TicketQLanes

/// A ticket planned for its arrival: the lane entry to send and the lane intake chose.
public struct PlannedEntry: Sendable {
    /// The entry to enqueue.
    public let entry: LaneEntry
    /// Its lane.
    public let lane: Lane
}
