/// Which of a worker's ack journals a settlement is recorded in.
///
/// A worker settles in one sequence per journal: while one of its acks is waiting for an answer,
/// no other ack of that sequence is recorded, so the journal (its last 64 batches) still holds
/// the waiting ack's entry when the worker looks it up after a lost reply. The urgent fast path
/// settles alongside the backlog, so it keeps a journal of its own.
public enum AckJournal: String, Sendable, CaseIterable {
    /// The backlog's settlements.
    case general
    /// The urgent fast path's settlements.
    case urgent
}
