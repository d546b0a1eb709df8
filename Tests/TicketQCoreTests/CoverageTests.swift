import Testing
@testable import TicketQCore

/// `calendarCoverageExceeded` (spec §2 rule 6): no computation may look at a date outside the
/// declared holiday coverage, and none silently assumes "no holidays" there.
struct CoverageTests {
    static func expectCoverageError(
        _ calendar: BusinessCalendar, _ target: SLATarget, _ received: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let instant = try TestTime.instant(received)
        let error = #expect(throws: SLAError.self, sourceLocation: sourceLocation) {
            try calendar.due(for: target, receivedAt: instant)
        }
        guard case let .calendarCoverageExceeded(_, from, through)? = error else { return }
        #expect(from == calendar.coverageFrom, sourceLocation: sourceLocation)
        #expect(through == calendar.coverageThrough, sourceLocation: sourceLocation)
    }

    @Test("a receipt before the coverage start is rejected for every unit")
    func receiptBeforeCoverage() throws {
        let calendar = try CalendarSpec.pandorana.build()
        for target: SLATarget in [TestTime.calendarHours(1), TestTime.businessHours(1), .businessDays(2), try TestTime.sameBusinessDay("14:00")] {
            try Self.expectCoverageError(calendar, target, "2023-12-29T10:00:00-05:00")
            // 2023-12-31 23:59:59 local is still 2024-01-01 in UTC, but before coverage.
            try Self.expectCoverageError(calendar, target, "2024-01-01T04:59:59Z")
        }
        #expect(throws: SLAError.self) { try calendar.effectiveReceipt(of: TestTime.instant("2024-01-01T04:59:59Z")) }
    }

    @Test("a receipt at local midnight of the first covered date is accepted")
    func receiptAtCoverageStart() throws {
        let calendar = try CalendarSpec.pandorana.build()
        // 2024-01-01 is New Year's Day: the clock starts Tuesday 09:00.
        #expect(try calendar.effectiveLocal("2024-01-01T00:00:00-05:00") == "2024-01-02T09:00:00-05:00")
        #expect(try calendar.dueLocal(.businessDays(0), receivedAt: "2024-01-01T00:00:00-05:00") == "2024-01-02T17:00:00-05:00")
    }

    @Test("a receipt after the coverage end is rejected")
    func receiptAfterCoverage() throws {
        let calendar = try CalendarSpec.mejurn.build()
        for target: SLATarget in [TestTime.calendarHours(1), TestTime.businessHours(1), .businessDays(0), try TestTime.sameBusinessDay("12:00")] {
            try Self.expectCoverageError(calendar, target, "2029-01-02T10:00:00Z")
            try Self.expectCoverageError(calendar, target, "2029-01-01T00:00:00Z")
        }
    }

    @Test("targets that run past the coverage end are rejected, not computed without holidays")
    func targetPastCoverageEnd() throws {
        let calendar = try CalendarSpec.pandorana.build()
        // Thu 28 Dec 2028: 7 h that day and 8 h on Friday 29; the rest would be in 2029.
        try Self.expectCoverageError(calendar, TestTime.businessHours(24), "2028-12-28T10:00:00-05:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(15), receivedAt: "2028-12-28T10:00:00-05:00") == "2028-12-29T17:00:00-05:00")
        try Self.expectCoverageError(calendar, TestTime.businessHours(15.25), "2028-12-28T10:00:00-05:00")
        // Business days: Friday 29 is the last business day covered.
        #expect(try calendar.dueLocal(.businessDays(1), receivedAt: "2028-12-28T10:00:00-05:00") == "2028-12-29T17:00:00-05:00")
        try Self.expectCoverageError(calendar, .businessDays(2), "2028-12-28T10:00:00-05:00")
        // Same business day after the cutoff on the last covered business day.
        #expect(try calendar.dueLocal(TestTime.sameBusinessDay("14:00"), receivedAt: "2028-12-29T10:00:00-05:00") == "2028-12-29T17:00:00-05:00")
        try Self.expectCoverageError(calendar, TestTime.sameBusinessDay("14:00"), "2028-12-29T15:00:00-05:00")
        // A receipt inside coverage with no business time left in it.
        try Self.expectCoverageError(calendar, .businessDays(0), "2028-12-30T10:00:00-05:00")
    }
}
