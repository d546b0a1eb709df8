/// Which of a worker's ack journals a settlement is recorded in.
///
/// A journal holds one entry per accepted settlement (ticket id → accepted fencing token) until the
/// worker's store has it confirmed, however long that takes (a worker killed and restarted days
/// later still finds its entries). A worker settles in one sequence per journal, and names the
/// entries it confirmed in its next settlement of that sequence; the urgent fast path settles
/// alongside the backlog, so it keeps a journal of its own.
public enum AckJournal: String, Sendable, CaseIterable {
    /// The backlog's settlements.
    case general
    /// The urgent fast path's settlements.
    case urgent
}
