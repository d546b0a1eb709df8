/// The two claimers a worker runs: the general one, which takes the backlog in batches, and the
/// urgent one, which fills the reserved urgent slots as soon as a same-business-day ticket is
/// queued (see ``UrgentSettlementStage``).
enum Claimer: Sendable {
    case general
    case urgent

    /// How the claimer names itself in the log.
    var logPrefix: String {
        switch self {
        case .general: return ""
        case .urgent: return "urgent "
        }
    }
}
