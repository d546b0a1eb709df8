import TicketQCore

/// One-letter lane codes used inside Redis values, to keep per-ticket state small.
enum LaneCode {
    static func code(_ lane: Lane) -> String {
        switch lane {
        case .sameBusinessDay: return "s"
        case .extended: return "e"
        case .standard: return "n"
        }
    }

    static func lane(_ code: String) -> Lane? {
        switch code {
        case "s": return .sameBusinessDay
        case "e": return .extended
        case "n": return .standard
        default: return nil
        }
    }
}
