/// A key a function of the library declares, by the name the Lua source gives it.
///
/// Most keys are the deployment's own (``LaneKeys``); ``journal`` and ``alive`` name one worker's
/// keys, given with each call.
public enum LaneFunctionKey: String, CaseIterable, Sendable {
    case deployment, sameBusinessDay, extended, standard, inflight, lease, retry, dead, deadInfo
    /// Each live ticket's record (``TicketRecord``).
    case ticket
    /// Where library version 2 and earlier kept payloads and lane state; read only by the move to records.
    case payload, meta
    /// Where library version 3 and earlier kept promotion instants; read only by the move to lists.
    case promote
    /// The instants that have tickets to promote, each with a list of them (`<promotions>:<instant>`).
    case promotions
    case fence, credit, wake, urgentWake, workers, highVolume, attempts
    /// The dedupe window: each id's content digest (tells a conflicting resubmit from a
    /// duplicate), the order the ids were written, checkpoints of when, and how many were written.
    case seen, seenOrder, seenMarks, seenPushed
    /// Where library version 2 and earlier kept the dedupe window; read only by the move to records.
    case dedupe, digest
    /// Tickets a worker died holding, claimed one at a time, and how often that happened to each.
    case suspect, crashes
    /// Retention: the limits (``RetentionPolicy``), eviction counts, and what the dead letters
    /// and the quarantine hold.
    case retention, evictions, deadBytes, quarantineAt, quarantineBytes
    case quarantine, quarantineRaw, collector
    /// A worker's ack journal.
    case journal
    /// A worker's liveness key.
    case alive
}
