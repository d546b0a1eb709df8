import TicketQCore

/// A consistent view of the lanes at one instant, for `status` and the lane gauges.
public struct LaneSnapshot: Sendable {
    /// One lane's figures.
    public struct LaneFigures: Sendable, Hashable {
        /// Tickets waiting in the lane.
        public let queued: Int
        /// Tickets of this lane waiting out a retry backoff.
        public let retrying: Int
        /// The earliest due of the waiting tickets, milliseconds since the epoch.
        public let earliestDueMillis: Int64?
        /// The oldest enqueue time among the lane's first tickets and its retries.
        public let oldestEnqueuedMillis: Int64?

        /// Queued plus retrying: every ticket of the lane not in flight.
        public var depth: Int { queued + retrying }
    }

    /// Redis `TIME` of the snapshot.
    public let serverTimeMillis: Int64
    /// Tickets claimed and not yet settled.
    public let inFlight: Int
    /// Tickets in the dead-letter set.
    public let deadLetters: Int
    /// Ticket ids remembered for duplicate suppression.
    public let dedupeEntries: Int
    /// Figures per lane.
    public let lanes: [Lane: LaneFigures]
}

extension LaneSnapshot.LaneFigures {
    /// The figures of one lane over two partitions.
    func combined(with other: Self) -> Self {
        Self(
            queued: queued + other.queued, retrying: retrying + other.retrying,
            earliestDueMillis: [earliestDueMillis, other.earliestDueMillis].compactMap { $0 }.min(),
            oldestEnqueuedMillis: [oldestEnqueuedMillis, other.oldestEnqueuedMillis].compactMap { $0 }.min()
        )
    }
}
