@testable import TicketQCore

/// A calendar written the way spec §2 writes it (zone, "HH:MM" pairs per weekday, holiday dates,
/// coverage), from which tests build both the engine's ``BusinessCalendar`` and the naive oracle.
struct CalendarSpec: Sendable {
    var id: String
    var zone: String
    var hours: [Weekday: [(String, String)]]
    var holidays: [String]
    var coverageFrom: String
    var coverageThrough: String

    /// Mon–Fri with the same intervals, the weekend closed unless given.
    static func weekdays(
        _ intervals: [(String, String)],
        sat: [(String, String)] = [],
        sun: [(String, String)] = []
    ) -> [Weekday: [(String, String)]] {
        [.mon: intervals, .tue: intervals, .wed: intervals, .thu: intervals, .fri: intervals, .sat: sat, .sun: sun]
    }

    /// Every day of the week with the same intervals.
    static func everyDay(_ intervals: [(String, String)]) -> [Weekday: [(String, String)]] {
        Dictionary(uniqueKeysWithValues: Weekday.allCases.map { ($0, intervals) })
    }

    /// The engine's calendar for this description.
    func build(version: String = "test-1") throws -> BusinessCalendar {
        var weekly: [Weekday: [OpeningInterval]] = [:]
        for (weekday, pairs) in hours {
            weekly[weekday] = try pairs.map { pair in
                OpeningInterval(start: try TestTime.wall(pair.0), end: try TestTime.wall(pair.1))
            }
        }
        return try BusinessCalendar(
            id: id,
            version: version,
            timeZone: zone,
            weeklyHours: weekly,
            holidays: try holidays.map { Holiday(date: try TestTime.date($0), name: "holiday") },
            coverageFrom: try TestTime.date(coverageFrom),
            coverageThrough: try TestTime.date(coverageThrough)
        )
    }
}

extension CalendarSpec {
    /// `pandorana-us-ny` of spec §7 (US core holidays 2024–2028).
    static let pandorana = CalendarSpec(
        id: "pandorana-us-ny", zone: "America/New_York", hours: weekdays([("09:00", "17:00")]),
        holidays: BrandHolidays.usCore, coverageFrom: "2024-01-01", coverageThrough: "2028-12-31"
    )

    /// `pandorana-us-ny-retail`: the core list plus the day after Thanksgiving and Christmas Eve.
    static let pandoranaRetail = CalendarSpec(
        id: "pandorana-us-ny-retail", zone: "America/New_York", hours: weekdays([("09:00", "17:00")]),
        holidays: BrandHolidays.usCore + BrandHolidays.usRetailExtra, coverageFrom: "2024-01-01", coverageThrough: "2028-12-31"
    )

    /// `mejurn-uk-london` of spec §7 (England & Wales bank holidays 2024–2028).
    static let mejurn = CalendarSpec(
        id: "mejurn-uk-london", zone: "Europe/London", hours: weekdays([("09:00", "17:00")]),
        holidays: BrandHolidays.englandAndWales, coverageFrom: "2024-01-01", coverageThrough: "2028-12-31"
    )

    /// Open around the clock; every `00:00–24:00` day lasts 23 h or 25 h on DST days.
    static func twentyFourSeven(zone: String) -> CalendarSpec {
        CalendarSpec(
            id: "24x7", zone: zone, hours: everyDay([("00:00", "24:00")]),
            holidays: ["2024-12-25"], coverageFrom: "2024-01-01", coverageThrough: "2025-12-31"
        )
    }

    /// A night shift split at midnight (22:00–24:00 + 00:00–06:00), so that the DST switch falls
    /// inside the morning interval. Wednesday evening and one holiday are closed.
    static func nightShift(zone: String) -> CalendarSpec {
        var hours = everyDay([("00:00", "06:00"), ("22:00", "24:00")])
        hours[.wed] = [("00:00", "06:00")]
        return CalendarSpec(
            id: "night-shift", zone: zone, hours: hours,
            holidays: ["2024-07-04", "2025-03-30"], coverageFrom: "2024-01-01", coverageThrough: "2025-12-31"
        )
    }

    /// Weekday office hours plus Sunday intervals placed on the DST gap and overlap:
    /// `01:45–02:15` straddles both New York transitions, `02:30–03:00` is inside the New York
    /// spring gap (empty that day) and touches `03:00–05:00` (merged by the engine, kept apart by
    /// the oracle).
    static func sundayHours(zone: String) -> CalendarSpec {
        CalendarSpec(
            id: "sunday-hours", zone: zone,
            hours: weekdays(
                [("09:00", "17:00")],
                sat: [("22:00", "24:00")],
                sun: [("00:30", "01:30"), ("01:45", "02:15"), ("02:30", "03:00"), ("03:00", "05:00")]
            ),
            holidays: ["2024-12-25", "2025-01-01"], coverageFrom: "2024-01-01", coverageThrough: "2025-12-31"
        )
    }
}
