/// Which lanes a claim takes from.
public enum ClaimScope: Sendable, Hashable {
    /// Every lane, by the lane rules; the first `leavingUrgent` tickets of the same-business-day
    /// lane are left to urgent claimers (0 when the worker runs none).
    case allLanes(leavingUrgent: Int)
    /// The same-business-day lane only, without touching the lower tier's share.
    case urgentOnly
    /// Suspects (tickets a worker died holding): up to a batch of those whose worker died once,
    /// else one alone; the caller holds nothing else until they settle. The other scopes never
    /// take suspects.
    case suspect

    /// Whether the claim's reply carries the payloads and meta (a few urgent tickets: one round
    /// trip instead of two) or the client fetches them after it (a big batch).
    var fetchesInline: Bool {
        if case .urgentOnly = self { return true }
        return false
    }

    /// Same-business-day tickets left to urgent claimers.
    var leavingUrgent: Int {
        if case let .allLanes(reserve) = self { return max(0, reserve) }
        return 0
    }

    /// The claim function's arguments for this scope, leaving `leavingUrgent` tickets of the
    /// partition's same-business-day lane (its part of ``leavingUrgent``).
    func arguments(leavingUrgent: Int) -> [[UInt8]] {
        switch self {
        case .allLanes: return [Array("all".utf8), Array(String(max(0, leavingUrgent)).utf8), Array("separate".utf8)]
        case .urgentOnly: return [Array("urgent".utf8), Array("0".utf8), Array("inline".utf8)]
        case .suspect: return [Array("suspect".utf8), Array("0".utf8), Array("separate".utf8)]
        }
    }
}
