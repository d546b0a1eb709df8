@testable import TicketQCore

/// Parsing helpers for readable fixtures.
enum TestTime {
    /// An RFC 3339 timestamp, e.g. `2024-03-08T15:00:00-05:00`.
    static func instant(_ text: String) throws -> Instant {
        try RFC3339.parse(text)
    }

    /// A `YYYY-MM-DD` date.
    static func date(_ text: String) throws -> LocalDate {
        guard let date = LocalDate(iso: text) else { throw TestFixtureError(description: "bad date \(text)") }
        return date
    }

    /// An `HH:MM` wall time.
    static func wall(_ text: String) throws -> WallTime {
        guard let time = WallTime(text) else { throw TestFixtureError(description: "bad wall time \(text)") }
        return time
    }

    /// A business-hours target of `hours` (a multiple of 1/60).
    static func businessHours(_ hours: Double) -> SLATarget {
        .businessHours(minutes: Int64((hours * 60).rounded()))
    }

    /// A calendar-hours target of `hours` (a multiple of 1/60).
    static func calendarHours(_ hours: Double) -> SLATarget {
        .calendarHours(minutes: Int64((hours * 60).rounded()))
    }

    /// A same-business-day target with an `HH:MM` cutoff.
    static func sameBusinessDay(_ cutoff: String) throws -> SLATarget {
        .sameBusinessDay(cutoff: try wall(cutoff))
    }
}
