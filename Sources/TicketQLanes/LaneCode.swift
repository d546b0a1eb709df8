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

    static func lane(_ code: UInt8) -> Lane? {
        switch code {
        case UInt8(ascii: "s"): return .sameBusinessDay
        case UInt8(ascii: "e"): return .extended
        case UInt8(ascii: "n"): return .standard
        default: return nil
        }
    }
}
