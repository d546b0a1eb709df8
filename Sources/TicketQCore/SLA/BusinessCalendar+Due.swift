extension BusinessCalendar {
    /// The effective receipt of a receipt instant (spec §4).
    ///
    /// - Throws: ``SLAError/calendarCoverageExceeded(instant:from:through:)``.
    public func effectiveReceipt(of receipt: Instant) throws(SLAError) -> Instant {
        Instant(secondsSinceEpoch: try schedule.effectiveReceipt(receipt.secondsSinceEpoch).instant)
    }

    /// The due instant of `target` for a ticket received at `receipt`: `due = f(R, target, calendar)`.
    ///
    /// Pure and allocation-free; see spec §5 for the four units.
    /// - Throws: ``SLAError/calendarCoverageExceeded(instant:from:through:)`` when the computation
    ///   needs a date outside the coverage range.
    @inline(__always)
    public func due(for target: SLATarget, receivedAt receipt: Instant) throws(SLAError) -> DueDate {
        let received = receipt.secondsSinceEpoch
        let (effective, interval) = try schedule.effectiveReceipt(received)
        let due: Int64
        switch target {
        case let .calendarHours(minutes):
            due = received + minutes * 60
        case let .businessHours(minutes):
            due = try schedule.addingBusinessSeconds(minutes * 60, to: effective, interval: interval)
        case let .businessDays(days):
            due = try schedule.closeOfBusinessDay(after: days, fromIntervalDay: interval, reference: received)
        case let .sameBusinessDay(cutoff):
            let cutoffInstant = schedule.rules.instant(of: schedule.businessDate(ofInterval: interval), at: cutoff)
            due = try schedule.closeOfBusinessDay(after: effective < cutoffInstant ? 0 : 1, fromIntervalDay: interval, reference: received)
        }
        return DueDate(effectiveReceipt: Instant(secondsSinceEpoch: effective), due: Instant(secondsSinceEpoch: due))
    }

    /// The UTC offset of the calendar's zone at `instant`, in seconds.
    public func utcOffset(at instant: Instant) -> Int64 {
        schedule.rules.offset(at: instant.secondsSinceEpoch)
    }

    /// RFC 3339 with the calendar zone's offset, e.g. `2024-03-13T15:00:00-04:00`.
    public func formatLocal(_ instant: Instant) -> String {
        RFC3339.format(instant, offsetSeconds: utcOffset(at: instant))
    }

    /// Whether an instant lies in business time.
    public func isBusinessTime(_ instant: Instant) -> Bool {
        schedule.isBusinessTime(instant)
    }
}

extension BusinessCalendar {
    /// The instant from which a lower-tier ticket due at `due` counts as same-day work: the
    /// opening of the business day on which the deadline falls (the day of the last business
    /// interval that starts before it). Lanes promote the ticket into the same-business-day lane then.
    ///
    /// - Returns: nil when no business interval within coverage starts before `due` (promote at once).
    public func sameDayPromotionInstant(forDue due: Instant) -> Instant? {
        schedule.openOfBusinessDay(before: due)
    }
}
