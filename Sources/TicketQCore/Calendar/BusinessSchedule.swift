/// The business time of a calendar over its coverage range, precomputed as sorted UTC intervals.
///
/// Every query (is an instant in business time, effective receipt, business-hour and business-day
/// arithmetic) is a binary search over these arrays: no per-minute structures and no allocation.
public struct BusinessSchedule: Sendable {
    /// The zone's offsets, for local readings and wall-clock boundaries such as cutoffs.
    public let rules: ZoneRules
    /// The first covered date.
    public let firstDate: LocalDate
    /// The last covered date.
    public let lastDate: LocalDate
    /// `at(first date, 00:00)`: no computation may look before this instant.
    public let coverageStart: Int64
    /// `at(last date + 1, 00:00)`: no computation may look at or after this instant.
    public let coverageEnd: Int64

    /// Business intervals `[starts[k], ends[k])`, ascending and disjoint.
    let starts: [Int64]
    let ends: [Int64]
    /// Business seconds before interval `k`.
    let cumulativeBefore: [Int64]
    /// Index into `businessDays` of the business date each interval belongs to.
    let businessDayOfInterval: [Int32]
    /// The business dates (day numbers), ascending.
    let businessDays: [Int64]
    /// `close(d)` of each business date.
    let closes: [Int64]
    /// `open(d)` of each business date.
    let opens: [Int64]

    init(
        rules: ZoneRules,
        weeklyHours: [Weekday: [OpeningInterval]],
        holidays: Set<LocalDate>,
        coverageFrom: LocalDate,
        coverageThrough: LocalDate
    ) throws(CalendarError) {
        self.rules = rules
        firstDate = coverageFrom
        lastDate = coverageThrough
        coverageStart = rules.instant(of: coverageFrom, at: WallTime(uncheckedMinutes: 0))
        coverageEnd = rules.instant(of: coverageThrough.adding(days: 1), at: WallTime(uncheckedMinutes: 0))

        var starts: [Int64] = []
        var ends: [Int64] = []
        var cumulative: [Int64] = []
        var dayOfInterval: [Int32] = []
        var businessDays: [Int64] = []
        var closes: [Int64] = []
        var opens: [Int64] = []
        var total: Int64 = 0
        var lastBusinessDay = coverageFrom.dayNumber - 1
        var day = coverageFrom
        while day <= coverageThrough {
            if !holidays.contains(day), let intervals = weeklyHours[day.weekday] {
                var close: Int64?
                var open: Int64?
                for interval in intervals {
                    let start = rules.instant(of: day, at: interval.start)
                    let end = rules.instant(of: day, at: interval.end)
                    guard start < end else { continue }  // an interval inside a DST gap is empty
                    if let previous = ends.last, start < previous { continue }  // cannot happen: at() is monotone
                    starts.append(start)
                    ends.append(end)
                    cumulative.append(total)
                    dayOfInterval.append(Int32(businessDays.count))
                    total += end - start
                    if open == nil { open = start }
                    close = end
                }
                if let close {
                    guard day.dayNumber - lastBusinessDay <= BusinessCalendar.maximumDaysWithoutBusiness else {
                        throw CalendarError(field: "holidays", reason: "no business day within 400 days before \(day)")
                    }
                    businessDays.append(day.dayNumber)
                    closes.append(close)
                    opens.append(open ?? close)
                    lastBusinessDay = day.dayNumber
                }
            }
            day = day.adding(days: 1)
        }
        guard !businessDays.isEmpty else {
            throw CalendarError(field: "coverage", reason: "no business day between \(coverageFrom) and \(coverageThrough)")
        }
        guard coverageThrough.dayNumber - lastBusinessDay <= BusinessCalendar.maximumDaysWithoutBusiness else {
            throw CalendarError(field: "holidays", reason: "no business day within 400 days after \(LocalDate(dayNumber: lastBusinessDay))")
        }
        self.starts = starts
        self.ends = ends
        self.cumulativeBefore = cumulative
        self.businessDayOfInterval = dayOfInterval
        self.businessDays = businessDays
        self.closes = closes
        self.opens = opens
    }

    /// The opening instant of the business day on which a deadline falls due: the business date
    /// of the last business interval that starts before `due`. A ticket whose deadline is `due`
    /// becomes same-day work from this instant on.
    ///
    /// - Returns: nil when no business interval starts before `due` within coverage.
    public func openOfBusinessDay(before due: Instant) -> Instant? {
        // The number of intervals starting strictly before `due`.
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) >> 1
            if starts[mid] < due.secondsSinceEpoch { low = mid + 1 } else { high = mid }
        }
        guard low > 0 else { return nil }
        let day = Int(businessDayOfInterval[low - 1])
        return Instant(secondsSinceEpoch: opens[day])
    }

    /// The number of business days in the coverage range.
    public var businessDayCount: Int { businessDays.count }

    /// Whether `instant` lies in business time (intervals are half-open: opening inside, closing outside).
    public func isBusinessTime(_ instant: Instant) -> Bool {
        let index = firstInterval(endingAfter: instant.secondsSinceEpoch)
        return index < starts.count && starts[index] <= instant.secondsSinceEpoch
    }

    /// The effective receipt E of a receipt R (spec §4) and the index of its business date.
    ///
    /// - Throws: ``SLAError/calendarCoverageExceeded(calendar:instant:)`` when R is outside the
    ///   coverage range or no business interval follows it within coverage.
    @inline(__always)
    func effectiveReceipt(_ receipt: Int64) throws(SLAError) -> (instant: Int64, interval: Int) {
        guard receipt >= coverageStart, receipt < coverageEnd else { throw coverageExceeded(receipt) }
        let index = firstInterval(endingAfter: receipt)
        guard index < starts.count else { throw coverageExceeded(receipt) }
        return (max(starts[index], receipt), index)
    }

    /// `due` of a `business_hours` target (spec §5.2) from E in interval `interval`.
    @inline(__always)
    func addingBusinessSeconds(_ seconds: Int64, to effective: Int64, interval: Int) throws(SLAError) -> Int64 {
        let target = cumulativeBefore[interval] + (effective - starts[interval]) + seconds
        // The first interval whose cumulative end reaches the target.
        var low = interval
        var high = starts.count
        while low < high {
            let mid = (low + high) >> 1
            if cumulativeBefore[mid] + (ends[mid] - starts[mid]) < target { low = mid + 1 } else { high = mid }
        }
        guard low < starts.count else { throw coverageExceeded(effective) }
        return starts[low] + (target - cumulativeBefore[low])
    }

    /// `close(D_n)` where D_0 is the business date of interval `interval` (spec §5.3).
    @inline(__always)
    func closeOfBusinessDay(after count: Int, fromIntervalDay interval: Int, reference: Int64) throws(SLAError) -> Int64 {
        let index = Int(businessDayOfInterval[interval]) + count
        guard index < closes.count else { throw coverageExceeded(reference) }
        return closes[index]
    }

    /// The local date of the business date of interval `interval`.
    @inline(__always)
    func businessDate(ofInterval interval: Int) -> LocalDate {
        LocalDate(dayNumber: businessDays[Int(businessDayOfInterval[interval])])
    }

    private func coverageExceeded(_ instant: Int64) -> SLAError {
        .calendarCoverageExceeded(instant: Instant(secondsSinceEpoch: instant), from: firstDate, through: lastDate)
    }

    @inline(__always)
    private func firstInterval(endingAfter instant: Int64) -> Int {
        var low = 0
        var high = ends.count
        while low < high {
            let mid = (low + high) >> 1
            if ends[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
