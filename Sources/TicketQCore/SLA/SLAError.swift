/// Why a due date cannot be computed.
public enum SLAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The computation needs a date outside the calendar's coverage range (spec §2 rule 6).
    case calendarCoverageExceeded(instant: Instant, from: LocalDate, through: LocalDate)

    public var description: String {
        switch self {
        case let .calendarCoverageExceeded(instant, from, through):
            return "calendarCoverageExceeded: computing from \(instant) needs dates outside the calendar's coverage \(from) … \(through)"
        }
    }
}
