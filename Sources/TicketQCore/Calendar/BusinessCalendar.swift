/// A business calendar: an IANA zone, weekly opening hours, full-day holidays and the date range
/// over which the holiday list is complete (spec §2).
///
/// Creating one validates every rule of spec §2 and precomputes its business intervals over the
/// coverage range, so that due-date computations afterwards are binary searches.
public struct BusinessCalendar: Sendable {
    /// Unique identifier, e.g. `pandorana-us-ny`.
    public let id: String
    /// The version stored with every due date computed from this calendar (spec §8).
    public let version: String
    /// The IANA time zone identifier.
    public let timeZone: String
    /// Opening hours per weekday, sorted and merged; an empty array means closed.
    public let weeklyHours: [Weekday: [OpeningInterval]]
    /// Full-day closures.
    public let holidays: [Holiday]
    /// First date of the range over which the holiday list is complete.
    public let coverageFrom: LocalDate
    /// Last date of that range (inclusive).
    public let coverageThrough: LocalDate

    /// The precomputed business time of the coverage range.
    public let schedule: BusinessSchedule

    /// The longest coverage accepted, so that precomputed schedules stay small.
    public static let maximumCoverageDays: Int64 = 100 * 366
    /// A calendar must have a business day at least this often (spec §5.5).
    public static let maximumDaysWithoutBusiness: Int64 = 400

    /// Validates a calendar and precomputes its schedule.
    ///
    /// - Throws: ``CalendarError`` naming the field that breaks a rule of spec §2.
    public init(
        id: String,
        version: String,
        timeZone: String,
        weeklyHours: [Weekday: [OpeningInterval]],
        holidays: [Holiday],
        coverageFrom: LocalDate,
        coverageThrough: LocalDate
    ) throws(CalendarError) {
        guard !id.isEmpty else { throw CalendarError(field: "id", reason: "must not be empty") }
        self.id = id
        self.version = version
        self.timeZone = timeZone
        self.weeklyHours = try BusinessCalendar.validated(weeklyHours)
        self.holidays = holidays
        guard coverageFrom <= coverageThrough else {
            throw CalendarError(field: "coverage", reason: "'from' (\(coverageFrom)) is after 'through' (\(coverageThrough))")
        }
        guard coverageThrough.dayNumber - coverageFrom.dayNumber < BusinessCalendar.maximumCoverageDays else {
            throw CalendarError(field: "coverage", reason: "spans more than 100 years")
        }
        self.coverageFrom = coverageFrom
        self.coverageThrough = coverageThrough
        try BusinessCalendar.checkZoneIsNamed(timeZone)
        let margin: Int64 = 3 * 86_400
        guard let rules = ZoneRules(
            identifier: timeZone,
            from: Instant(secondsSinceEpoch: coverageFrom.dayNumber * 86_400 - margin),
            through: Instant(secondsSinceEpoch: (coverageThrough.dayNumber + 1) * 86_400 + margin)
        ) else {
            throw CalendarError(field: "time_zone", reason: "'\(timeZone)' is not in this system's tz database (is tzdata installed?)")
        }
        schedule = try BusinessSchedule(
            rules: rules,
            weeklyHours: self.weeklyHours,
            holidays: Set(holidays.map(\.date)),
            coverageFrom: coverageFrom,
            coverageThrough: coverageThrough
        )
    }

    private static func validated(_ weeklyHours: [Weekday: [OpeningInterval]]) throws(CalendarError) -> [Weekday: [OpeningInterval]] {
        var result: [Weekday: [OpeningInterval]] = [:]
        for weekday in Weekday.allCases {
            guard let intervals = weeklyHours[weekday] else {
                throw CalendarError(field: "weekly_hours.\(weekday.rawValue)", reason: "missing; every weekday must be listed ([] = closed)")
            }
            var merged: [OpeningInterval] = []
            for (index, interval) in intervals.enumerated() {
                let field = "weekly_hours.\(weekday.rawValue)[\(index)]"
                guard interval.start < WallTime.endOfDay else {
                    throw CalendarError(field: field, reason: "24:00 is allowed only as an end")
                }
                guard interval.start < interval.end else {
                    throw CalendarError(field: field, reason: "start \(interval.start) is not before end \(interval.end)")
                }
                if let last = merged.last {
                    guard last.end <= interval.start else {
                        throw CalendarError(
                            field: field,
                            reason: "\(interval.start)–\(interval.end) overlaps or precedes \(last.start)–\(last.end); intervals must be sorted and non-overlapping"
                        )
                    }
                    if last.end == interval.start {
                        merged[merged.count - 1] = OpeningInterval(start: last.start, end: interval.end)
                        continue
                    }
                }
                merged.append(interval)
            }
            result[weekday] = merged
        }
        guard result.values.contains(where: { !$0.isEmpty }) else {
            throw CalendarError(field: "weekly_hours", reason: "at least one weekday must have opening hours")
        }
        return result
    }

    /// Rejects fixed-offset and floating zones (spec §2 rule 1): only named IANA zones.
    private static func checkZoneIsNamed(_ identifier: String) throws(CalendarError) {
        let upper = identifier.uppercased()
        let fixed = identifier.hasPrefix("+") || identifier.hasPrefix("-")
            || ((upper.hasPrefix("GMT") || upper.hasPrefix("UTC") || upper.hasPrefix("ETC/GMT")) && identifier.contains(where: { $0 == "+" || $0 == "-" }))
            || identifier.allSatisfy({ $0.isNumber || $0 == ":" })
        guard !identifier.isEmpty, !fixed, upper != "FLOATING" else {
            throw CalendarError(field: "time_zone", reason: "'\(identifier)' is not an IANA zone name; fixed offsets and floating time are not allowed")
        }
    }
}
