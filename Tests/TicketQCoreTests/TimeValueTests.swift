import Testing
@testable import TicketQCore

/// The time values the engine reads and writes: RFC 3339 instants, local dates, wall times and
/// targets as JSON.
struct TimeValueTests {
    @Test("RFC 3339 timestamps parse to the second", arguments: [
        ("2024-03-08T15:00:00-05:00", "2024-03-08T20:00:00Z"),
        ("2024-03-08T15:00:00.999-05:00", "2024-03-08T20:00:00Z"),
        ("2024-03-08t20:00:00z", "2024-03-08T20:00:00Z"),
        ("2024-03-08 20:00:00Z", "2024-03-08T20:00:00Z"),
        ("2024-06-30T23:59:60Z", "2024-06-30T23:59:59Z"),
        ("2024-03-31T02:30:00+05:30", "2024-03-30T21:00:00Z"),
        ("1969-12-31T23:59:59Z", "1969-12-31T23:59:59Z"),
    ])
    func parsesTimestamps(text: String, utc: String) throws {
        #expect(try RFC3339.parse(text).description == utc)
    }

    @Test("malformed timestamps are rejected with a reason", arguments: [
        "2024-03-08T15:00:00", "2024-03-08", "2024-02-30T10:00:00Z", "2024-03-08T24:00:00Z", "2024-03-08T15:00:00+5:00",
        "2024-03-08T15:00:00Z junk", "2024-03-08T15:00:00.Z", "", "yesterday",
    ])
    func rejectsMalformedTimestamps(text: String) {
        let error = #expect(throws: RFC3339.ParseError.self) { try RFC3339.parse(text) }
        #expect(error?.reason.isEmpty == false)
    }

    @Test("local formatting uses the zone's offset at that instant")
    func formatsLocal() throws {
        let instant = try RFC3339.parse("2024-03-13T19:00:00Z")
        #expect(RFC3339.format(instant, offsetSeconds: -4 * 3600) == "2024-03-13T15:00:00-04:00")
        #expect(RFC3339.format(instant, offsetSeconds: 0) == "2024-03-13T19:00:00+00:00")
        #expect(RFC3339.format(instant, offsetSeconds: 19_800) == "2024-03-14T00:30:00+05:30")
    }

    @Test("local dates: leap days, weekdays and stepping", arguments: [
        ("2028-02-29", Weekday.tue), ("2024-02-29", .thu), ("2024-01-01", .mon), ("1970-01-01", .thu), ("1969-12-31", .wed), ("2000-03-01", .wed),
    ])
    func localDates(text: String, weekday: Weekday) throws {
        let date = try #require(LocalDate(iso: text))
        #expect(date.weekday == weekday)
        #expect(date.description == text)
        #expect(date.adding(days: 1).adding(days: -1) == date)
    }

    @Test("invalid local dates are rejected", arguments: ["2027-02-29", "2100-02-29", "2024-04-31", "2024-00-10", "2024-1-01", "24-01-01", "2024/01/01"])
    func invalidLocalDates(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test("wall times are HH:MM with 24:00 as the only hour-24 value", arguments: [
        ("00:00", 0), ("09:30", 570), ("23:59", 1439), ("24:00", 1440),
    ])
    func wallTimes(text: String, minutes: Int) {
        #expect(WallTime(text)?.minutes == minutes)
        #expect(WallTime(text)?.description == text)
    }

    @Test("invalid wall times are rejected", arguments: ["24:01", "23:60", "9:00", "09:0", "0900", "-1:00", "ab:cd", ""])
    func invalidWallTimes(text: String) {
        #expect(WallTime(text) == nil)
    }

    @Test("targets as JSON are exactly {unit, value} or {unit, cutoff}", arguments: [
        (SLATarget.businessHours(minutes: 1440), #"{"unit":"business_hours","value":24}"#),
        (.businessHours(minutes: 30), #"{"unit":"business_hours","value":0.5}"#),
        (.calendarHours(minutes: 90), #"{"unit":"calendar_hours","value":1.5}"#),
        (.businessDays(0), #"{"unit":"business_days","value":0}"#),
        (.sameBusinessDay(cutoff: WallTime(minutes: 840)!), #"{"unit":"same_business_day","cutoff":"14:00"}"#),
    ])
    func targetJSON(target: SLATarget, json: String) {
        #expect(target.json == json)
    }
}
