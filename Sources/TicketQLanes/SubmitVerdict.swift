/// What the lanes did with one submitted ticket.
public enum SubmitVerdict: Sendable, Hashable {
    /// Enqueued.
    case accepted
    /// Not enqueued: the id was seen within the dedupe window (or is still live) with the same
    /// content, or with content whose digest was not kept.
    case duplicate
    /// Not enqueued: the id was seen within the dedupe window (or is still live) with other
    /// content. The ticket submitted first stands.
    case conflict

    /// The verdict the `submit` function answers with its code (1, 0 or 2).
    init?(code: Int64) {
        switch code {
        case 1: self = .accepted
        case 0: self = .duplicate
        case 2: self = .conflict
        default: return nil
        }
    }
}
