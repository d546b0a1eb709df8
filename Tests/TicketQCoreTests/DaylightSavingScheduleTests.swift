import Testing
@testable import TicketQCore

/// Business intervals on DST days (spec §3.2, §3.3): intervals starting in a gap, intervals that
/// vanish in a gap, and `00:00–24:00` days of 23 h and 25 h, in both brand zones.
struct DaylightSavingScheduleTests {
    static func sundayCalendar(zone: String, sunday: [(String, String)]) throws -> BusinessCalendar {
        try CalendarSpec(
            id: "sunday-test", zone: zone, hours: CalendarSpec.weekdays([("09:00", "17:00")], sun: sunday),
            holidays: [], coverageFrom: "2024-01-01", coverageThrough: "2024-12-31"
        ).build()
    }

    @Test("an interval starting in the New York gap opens at the transition: 02:30–04:00 lasts 1 h")
    func intervalStartingInGapNewYork() throws {
        let calendar = try Self.sundayCalendar(zone: "America/New_York", sunday: [("02:30", "04:00")])
        #expect(!calendar.isBusinessTime(try TestTime.instant("2024-03-10T06:59:59Z")))
        #expect(calendar.isBusinessTime(try TestTime.instant("2024-03-10T07:00:00Z")))
        #expect(calendar.isBusinessTime(try TestTime.instant("2024-03-10T07:59:59Z")))
        #expect(!calendar.isBusinessTime(try TestTime.instant("2024-03-10T08:00:00Z")))
        #expect(try calendar.effectiveLocal("2024-03-09T12:00:00-05:00") == "2024-03-10T03:00:00-04:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(1), receivedAt: "2024-03-09T12:00:00-05:00") == "2024-03-10T04:00:00-04:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(1.5), receivedAt: "2024-03-09T12:00:00-05:00") == "2024-03-11T09:30:00-04:00")
    }

    @Test("an interval starting in the London gap opens at the transition: 01:30–03:00 lasts 1 h")
    func intervalStartingInGapLondon() throws {
        let calendar = try Self.sundayCalendar(zone: "Europe/London", sunday: [("01:30", "03:00")])
        #expect(try calendar.effectiveLocal("2024-03-30T12:00:00Z") == "2024-03-31T02:00:00+01:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(1), receivedAt: "2024-03-30T12:00:00Z") == "2024-03-31T03:00:00+01:00")
    }

    @Test("[02:30, 03:00) on the New York spring-forward day is empty and dropped; the day is no business day")
    func emptyIntervalInGapNewYork() throws {
        let calendar = try Self.sundayCalendar(zone: "America/New_York", sunday: [("02:30", "03:00")])
        #expect(try calendar.dueLocal(.businessDays(0), receivedAt: "2024-03-09T12:00:00-05:00") == "2024-03-11T17:00:00-04:00")
        #expect(try calendar.effectiveLocal("2024-03-09T12:00:00-05:00") == "2024-03-11T09:00:00-04:00")
        // An ordinary Sunday keeps the half hour.
        #expect(try calendar.dueLocal(.businessDays(0), receivedAt: "2024-03-16T12:00:00-04:00") == "2024-03-17T03:00:00-04:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(0.25), receivedAt: "2024-03-16T12:00:00-04:00") == "2024-03-17T02:45:00-04:00")
    }

    @Test("[01:30, 02:00) on the London spring-forward day is empty and dropped")
    func emptyIntervalInGapLondon() throws {
        let calendar = try Self.sundayCalendar(zone: "Europe/London", sunday: [("01:30", "02:00")])
        #expect(try calendar.dueLocal(.businessDays(0), receivedAt: "2024-03-30T12:00:00Z") == "2024-04-01T17:00:00+01:00")
        #expect(try calendar.dueLocal(.businessDays(0), receivedAt: "2024-04-06T12:00:00+01:00") == "2024-04-07T02:00:00+01:00")
    }

    @Test("an interval starting in the repeated hour opens at the first occurrence: 01:30–03:00 EDT/EST lasts 2.5 h")
    func intervalStartingInOverlap() throws {
        let calendar = try Self.sundayCalendar(zone: "America/New_York", sunday: [("01:30", "03:00")])
        let due = try calendar.due(for: .businessDays(0), receivedAt: TestTime.instant("2024-11-02T12:00:00-04:00"))
        #expect(due.effectiveReceipt == (try TestTime.instant("2024-11-03T01:30:00-04:00")))
        #expect(due.due == (try TestTime.instant("2024-11-03T03:00:00-05:00")))
        #expect(due.due.secondsSinceEpoch - due.effectiveReceipt.secondsSinceEpoch == 9_000)
        #expect(try calendar.dueLocal(TestTime.businessHours(2.5), receivedAt: "2024-11-02T12:00:00-04:00") == "2024-11-03T03:00:00-05:00")
    }

    @Test("00:00–24:00 lasts 23 h on spring-forward days and 25 h on fall-back days", arguments: [
        ("America/New_York", "2024-03-10T00:00:00-05:00", Int64(23)),
        ("America/New_York", "2024-11-03T00:00:00-04:00", Int64(25)),
        ("Europe/London", "2024-03-31T00:00:00Z", Int64(23)),
        ("Europe/London", "2024-10-27T00:00:00+01:00", Int64(25)),
        ("Europe/London", "2024-06-09T00:00:00+01:00", Int64(24)),
    ])
    func fullDayLength(zone: String, midnight: String, hours: Int64) throws {
        let calendar = try CalendarSpec.twentyFourSeven(zone: zone).build()
        let due = try calendar.due(for: .businessDays(0), receivedAt: TestTime.instant(midnight))
        #expect(due.effectiveReceipt == (try TestTime.instant(midnight)))
        #expect(due.due.secondsSinceEpoch - due.effectiveReceipt.secondsSinceEpoch == hours * 3600)
    }

    @Test("24 business hours on a 24×7 calendar across spring forward is 24 real hours: Sun 00:00 EST → Mon 01:00 EDT")
    func businessHoursOnTwentyFourSeven() throws {
        let calendar = try CalendarSpec.twentyFourSeven(zone: "America/New_York").build()
        #expect(try calendar.dueLocal(TestTime.businessHours(24), receivedAt: "2024-03-10T00:00:00-05:00") == "2024-03-11T01:00:00-04:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(24), receivedAt: "2024-11-03T00:00:00-04:00") == "2024-11-03T23:00:00-05:00")
    }

    @Test("calendar_hours ignores the schedule across both London transitions")
    func calendarHoursLondon() throws {
        let calendar = try CalendarSpec.mejurn.build()
        #expect(try calendar.dueLocal(TestTime.calendarHours(24), receivedAt: "2024-03-30T22:00:00Z") == "2024-03-31T23:00:00+01:00")
        #expect(try calendar.dueLocal(TestTime.calendarHours(24), receivedAt: "2024-10-26T22:00:00+01:00") == "2024-10-27T21:00:00+00:00")
    }
}
