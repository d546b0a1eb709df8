import Testing
@testable import TicketQCore

/// Calendars that break a rule of spec §2 are rejected at load with the offending field.
struct CalendarValidationTests {
    static let base = CalendarSpec(
        id: "valid", zone: "America/New_York", hours: CalendarSpec.weekdays([("09:00", "17:00")]),
        holidays: [], coverageFrom: "2024-01-01", coverageThrough: "2024-12-31"
    )

    static func expectRejected(_ spec: CalendarSpec, field: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: CalendarError.self, sourceLocation: sourceLocation) { try spec.build() }
        #expect(error?.field == field, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.reason.isEmpty == false, sourceLocation: sourceLocation)
    }

    @Test("the base calendar is valid")
    func baseIsValid() throws {
        let calendar = try Self.base.build()
        #expect(calendar.id == "valid")
        #expect(calendar.version == "test-1")
    }

    @Test("24:00 is allowed only as an end")
    func twentyFourAsStart() throws {
        var spec = Self.base
        spec.hours[.sat] = [("24:00", "24:00")]
        Self.expectRejected(spec, field: "weekly_hours.sat[0]")
        spec.hours[.sat] = [("22:00", "24:00")]
        #expect(throws: Never.self) { try spec.build() }
    }

    @Test("start must be before end", arguments: [("17:00", "09:00"), ("09:00", "09:00")])
    func startNotBeforeEnd(start: String, end: String) {
        var spec = Self.base
        spec.hours[.tue] = [(start, end)]
        Self.expectRejected(spec, field: "weekly_hours.tue[0]")
    }

    @Test("overlapping intervals are rejected")
    func overlapping() {
        var spec = Self.base
        spec.hours[.wed] = [("09:00", "12:00"), ("11:00", "17:00")]
        Self.expectRejected(spec, field: "weekly_hours.wed[1]")
    }

    @Test("unsorted intervals are rejected")
    func unsorted() {
        var spec = Self.base
        spec.hours[.thu] = [("13:00", "17:00"), ("09:00", "12:00")]
        Self.expectRejected(spec, field: "weekly_hours.thu[1]")
    }

    @Test("at least one weekday must have hours")
    func noOpeningHours() {
        var spec = Self.base
        spec.hours = CalendarSpec.everyDay([])
        Self.expectRejected(spec, field: "weekly_hours")
    }

    @Test("every weekday key must be present")
    func missingWeekday() {
        var spec = Self.base
        spec.hours[.sun] = nil
        Self.expectRejected(spec, field: "weekly_hours.sun")
    }

    @Test("zones that do not resolve, fixed offsets and floating time are rejected", arguments: [
        "Mars/Olympus_Mons", "America/NewYork", "+02:00", "-05:00", "Etc/GMT+5", "Etc/GMT-3", "GMT+2", "UTC-04:00", "floating", "",
    ])
    func badZone(zone: String) {
        var spec = Self.base
        spec.zone = zone
        Self.expectRejected(spec, field: "time_zone")
    }

    @Test("coverage from after through is rejected")
    func coverageReversed() {
        var spec = Self.base
        spec.coverageFrom = "2025-01-01"
        spec.coverageThrough = "2024-12-31"
        Self.expectRejected(spec, field: "coverage")
    }

    @Test("a calendar with no business day within 400 days is rejected")
    func noBusinessDayFor400Days() throws {
        var spec = Self.base
        spec.hours = CalendarSpec.everyDay([])
        spec.hours[.mon] = [("09:00", "17:00")]
        spec.coverageThrough = "2025-12-31"
        var holidays: [String] = []
        var date = try TestTime.date("2024-01-01")
        let last = try TestTime.date("2025-03-01")
        while date <= last {
            holidays.append(date.description)
            date = date.adding(days: 1)
        }
        spec.holidays = holidays
        Self.expectRejected(spec, field: "holidays")
    }
}
