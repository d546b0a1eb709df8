import Foundation
@testable import TicketQCore

/// A deliberately naive implementation of spec §3–§5 written from the spec text only, used to
/// check the engine: local dates are stepped with Foundation's Gregorian `Calendar`, wall-clock
/// boundaries are found by scanning instants minute by minute (then second by second) for the
/// earliest one whose reading is at or after the wall time (§3.2), touching intervals are kept
/// apart, and `business_hours` walks the interval in which the target runs out one minute at a
/// time.
///
/// It shares no code with the engine beyond the ``SLATarget`` enum it reads its input from.
final class NaiveSLAOracle {
    /// The computation needed a date outside the calendar's coverage.
    struct CoverageExceeded: Error, Equatable {}

    /// The business intervals of one local date (UTC seconds, half-open) and the next date.
    private struct Day {
        let intervals: [(start: Int64, end: Int64)]
        let next: Date
    }

    private let zone: TimeZone
    /// Gregorian in UTC: a local date is represented by the `Date` of its UTC midnight.
    private let civil: Calendar
    /// Gregorian in the calendar's zone, to read the local date of an instant.
    private let local: Calendar
    /// Opening minutes per Foundation weekday (1 = Sunday … 7 = Saturday).
    private let hours: [Int: [(start: Int64, end: Int64)]]
    private let holidays: Set<String>
    private let firstDay: Date
    private let lastDay: Date
    private let smallestOffset: Int64
    private let largestOffset: Int64
    private var days: [Date: Day] = [:]

    init(_ spec: CalendarSpec) throws {
        guard let zone = TimeZone(identifier: spec.zone) else { throw TestFixtureError(description: "zone \(spec.zone)") }
        self.zone = zone
        var civil = Calendar(identifier: .gregorian)
        civil.timeZone = TimeZone(identifier: "UTC")!
        self.civil = civil
        var local = Calendar(identifier: .gregorian)
        local.timeZone = zone
        self.local = local

        let foundationWeekday: [Weekday: Int] = [.sun: 1, .mon: 2, .tue: 3, .wed: 4, .thu: 5, .fri: 6, .sat: 7]
        var hours: [Int: [(start: Int64, end: Int64)]] = [:]
        for (weekday, pairs) in spec.hours {
            hours[foundationWeekday[weekday]!] = try pairs.map { (try Self.minutes($0.0), try Self.minutes($0.1)) }
        }
        self.hours = hours
        holidays = Set(spec.holidays)
        firstDay = try Self.civilDate(spec.coverageFrom, civil)
        lastDay = try Self.civilDate(spec.coverageThrough, civil)

        // The range of UTC offsets the zone uses over the coverage, sampled daily.
        var smallest = Int64.max
        var largest = Int64.min
        var day = civil.date(byAdding: .day, value: -3, to: firstDay)!
        let end = civil.date(byAdding: .day, value: 3, to: lastDay)!
        while day <= end {
            for hour in [0, 12] {
                let offset = Int64(zone.secondsFromGMT(for: day.addingTimeInterval(Double(hour * 3600))))
                smallest = min(smallest, offset)
                largest = max(largest, offset)
            }
            day = civil.date(byAdding: .day, value: 1, to: day)!
        }
        smallestOffset = smallest
        largestOffset = largest
    }

    /// The effective receipt and due instant of `target` for receipt `r` (UTC seconds).
    func due(for target: SLATarget, receivedAt r: Int64) throws(CoverageExceeded) -> (effective: Int64, due: Int64) {
        let (effective, d0) = try effectiveReceipt(r)
        switch target {
        case let .calendarHours(minutes):
            return (effective, r + minutes * 60)
        case let .businessHours(minutes):
            return (effective, try walkBusinessMinutes(from: effective, day: d0, seconds: minutes * 60))
        case let .businessDays(count):
            var day = d0
            for _ in 0..<count { day = try nextBusinessDay(after: day) }
            return (effective, try close(of: day))
        case let .sameBusinessDay(cutoff):
            let cutoffInstant = at(d0, minutes: Int64(cutoff.minutes))
            let day = effective < cutoffInstant ? d0 : try nextBusinessDay(after: d0)
            return (effective, try close(of: day))
        }
    }

    /// `close(d)` of the local date whose reading contains `instant`, if that date is a business day.
    func closeOfLocalDate(containing instant: Int64) throws(CoverageExceeded) -> Int64? {
        let day = localDate(of: instant)
        let intervals = try self.day(day).intervals
        return intervals.last?.end
    }

    /// Whether `instant` is inside a business interval of its local date or the dates around it.
    func isBusinessTime(_ instant: Int64) throws(CoverageExceeded) -> Bool {
        var day = civil.date(byAdding: .day, value: -1, to: localDate(of: instant))!
        for _ in 0..<3 {
            if day >= firstDay, day <= lastDay {
                if try self.day(day).intervals.contains(where: { $0.start <= instant && instant < $0.end }) { return true }
            }
            day = civil.date(byAdding: .day, value: 1, to: day)!
        }
        return false
    }

    // MARK: Spec §4

    private func effectiveReceipt(_ r: Int64) throws(CoverageExceeded) -> (Int64, Date) {
        var day = localDate(of: r)
        guard day >= firstDay, day <= lastDay else { throw CoverageExceeded() }
        // An interval of the previous date can still be open in exotic zones.
        let previous = civil.date(byAdding: .day, value: -1, to: day)!
        if previous >= firstDay { day = previous }
        for _ in 0..<500 {
            let info = try self.day(day)
            if let interval = info.intervals.first(where: { $0.end > r }) { return (max(interval.start, r), day) }
            day = info.next
        }
        throw CoverageExceeded()
    }

    // MARK: Spec §5.2, one minute at a time

    private func walkBusinessMinutes(from effective: Int64, day startDay: Date, seconds: Int64) throws(CoverageExceeded) -> Int64 {
        var remaining = seconds
        var day = startDay
        var time = effective
        while true {
            let info = try self.day(day)
            for interval in info.intervals where interval.end > time {
                time = max(interval.start, time)
                // Intervals the target outlasts are consumed whole; the last one is walked.
                if remaining > interval.end - time {
                    remaining -= interval.end - time
                    time = interval.end
                    continue
                }
                while time < interval.end {
                    let step = min(60, interval.end - time)
                    if remaining <= step { return time + remaining }
                    remaining -= step
                    time += step
                }
            }
            day = info.next
        }
    }

    // MARK: Spec §3.3 and §5.3

    private func nextBusinessDay(after start: Date) throws(CoverageExceeded) -> Date {
        var day = try self.day(start).next
        while try self.day(day).intervals.isEmpty { day = try self.day(day).next }
        return day
    }

    private func close(of day: Date) throws(CoverageExceeded) -> Int64 {
        guard let last = try self.day(day).intervals.last else { throw CoverageExceeded() }
        return last.end
    }

    private func day(_ date: Date) throws(CoverageExceeded) -> Day {
        if let cached = days[date] { return cached }
        guard date >= firstDay, date <= lastDay else { throw CoverageExceeded() }
        let parts = civil.dateComponents([.year, .month, .day, .weekday], from: date)
        let key = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
        var intervals: [(start: Int64, end: Int64)] = []
        if !holidays.contains(key) {
            for (start, end) in hours[parts.weekday!] ?? [] {
                let from = at(date, minutes: start)
                let to = at(date, minutes: end)
                if from < to { intervals.append((from, to)) }
            }
        }
        let result = Day(intervals: intervals, next: civil.date(byAdding: .day, value: 1, to: date)!)
        days[date] = result
        return result
    }

    // MARK: Spec §3.1 and §3.2

    /// The earliest instant whose local reading is at or after (date, minutes).
    private func at(_ date: Date, minutes: Int64) -> Int64 {
        let wall = Int64(date.timeIntervalSince1970) + minutes * 60
        // reading(t) <= t + largestOffset, and reading(wall - smallestOffset) >= wall.
        var candidate = wall - largestOffset
        while reading(candidate) < wall { candidate += 60 }
        var second = max(wall - largestOffset, candidate - 59)
        while reading(second) < wall { second += 1 }
        return second
    }

    private func reading(_ instant: Int64) -> Int64 {
        instant + Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))))
    }

    private func localDate(of instant: Int64) -> Date {
        let parts = local.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(instant)))
        return civil.date(from: DateComponents(year: parts.year, month: parts.month, day: parts.day))!
    }

    private static func minutes(_ text: String) throws -> Int64 {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hour = Int64(parts[0]), let minute = Int64(parts[1]) else {
            throw TestFixtureError(description: "time \(text)")
        }
        return hour * 60 + minute
    }

    private static func civilDate(_ text: String, _ civil: Calendar) throws -> Date {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, let date = civil.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])) else {
            throw TestFixtureError(description: "date \(text)")
        }
        return date
    }
}
