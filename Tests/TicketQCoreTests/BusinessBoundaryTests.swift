import Testing
@testable import TicketQCore

/// Edges of business time: exactly at opening, closing and cutoff, holidays next to weekends,
/// the leap day, `business_days: 0` and touching intervals (spec §2.3, §3.3, §4, §5).
struct BusinessBoundaryTests {
    @Test("a receipt exactly at opening is in hours; 24 BH from Monday 09:00 ends exactly at Wednesday's close")
    func exactlyAtOpen() throws {
        let calendar = try CalendarSpec.pandorana.build()
        let opening = "2024-06-10T09:00:00-04:00"
        #expect(calendar.isBusinessTime(try TestTime.instant(opening)))
        #expect(try calendar.effectiveLocal(opening) == opening)
        #expect(try calendar.dueLocal(TestTime.businessHours(24), receivedAt: opening) == "2024-06-12T17:00:00-04:00")
        #expect(!calendar.isBusinessTime(try TestTime.instant("2024-06-10T08:59:59-04:00")))
    }

    @Test("a receipt exactly at closing starts at the next opening; one second earlier counts today")
    func exactlyAtClose() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(!calendar.isBusinessTime(try TestTime.instant("2024-06-10T17:00:00-04:00")))
        #expect(try calendar.effectiveLocal("2024-06-10T17:00:00-04:00") == "2024-06-11T09:00:00-04:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(1), receivedAt: "2024-06-10T17:00:00-04:00") == "2024-06-11T10:00:00-04:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(1), receivedAt: "2024-06-10T16:59:59-04:00") == "2024-06-11T09:59:59-04:00")
        #expect(try calendar.dueLocal(.businessDays(0), receivedAt: "2024-06-10T17:00:00-04:00") == "2024-06-11T17:00:00-04:00")
    }

    @Test("same_business_day one second before, exactly at and after the cutoff", arguments: [
        ("2024-06-12T13:59:59-04:00", "2024-06-12T17:00:00-04:00"),
        ("2024-06-12T14:00:00-04:00", "2024-06-13T17:00:00-04:00"),
        ("2024-06-12T16:59:59-04:00", "2024-06-13T17:00:00-04:00"),
        ("2024-06-12T17:00:00-04:00", "2024-06-13T17:00:00-04:00"),
    ])
    func aroundCutoff(received: String, expected: String) throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.sameBusinessDay("14:00"), receivedAt: received) == expected)
    }

    @Test("Friday after the cutoff is due Monday's close; Friday after closing too (Monday 09:00 is before the cutoff)", arguments: [
        "2024-06-14T14:00:01-04:00", "2024-06-14T17:30:00-04:00", "2024-06-15T10:00:00-04:00", "2024-06-17T08:00:00-04:00",
    ])
    func fridayAfterCutoff(received: String) throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.sameBusinessDay("14:00"), receivedAt: received) == "2024-06-17T17:00:00-04:00")
    }

    @Test("Friday after the Mejurn cutoff before Good Friday and Easter Monday goes to Tuesday")
    func fridayAfterCutoffBeforeEaster() throws {
        let calendar = try CalendarSpec.mejurn.build()
        #expect(try calendar.dueLocal(TestTime.sameBusinessDay("12:00"), receivedAt: "2024-03-28T12:00:00Z") == "2024-04-02T17:00:00+01:00")
        #expect(try calendar.dueLocal(TestTime.sameBusinessDay("12:00"), receivedAt: "2024-03-28T11:59:59Z") == "2024-03-28T17:00:00+00:00")
    }

    @Test("holidays adjacent to weekends move the effective receipt past the long weekend", arguments: [
        // Memorial Day Monday.
        ("pandorana", "2024-05-25T12:00:00-04:00", "2024-05-28T09:00:00-04:00"),
        // Independence Day 2026 is a Saturday, observed Friday 3 July.
        ("pandorana", "2026-07-02T17:00:00-04:00", "2026-07-06T09:00:00-04:00"),
        // Christmas Day 2027 (Saturday) observed Friday 24 December.
        ("pandorana", "2027-12-23T18:00:00-05:00", "2027-12-27T09:00:00-05:00"),
        // Good Friday to Easter Monday 2024, across the BST start.
        ("mejurn", "2024-03-28T17:00:00Z", "2024-04-02T09:00:00+01:00"),
        // Christmas 2027 on a weekend, both substitutes Monday and Tuesday.
        ("mejurn", "2027-12-24T17:00:00Z", "2027-12-29T09:00:00+00:00"),
        // Boxing Day 2026 (Saturday), substitute Monday 28.
        ("mejurn", "2026-12-24T17:30:00Z", "2026-12-29T09:00:00+00:00"),
    ])
    func holidaysNextToWeekends(brand: String, received: String, effective: String) throws {
        let calendar = try (brand == "mejurn" ? CalendarSpec.mejurn : CalendarSpec.pandorana).build()
        #expect(try calendar.effectiveLocal(received) == effective)
    }

    @Test("targets spanning a holiday next to a weekend")
    func targetsAcrossLongWeekends() throws {
        let pandorana = try CalendarSpec.pandorana.build()
        #expect(try pandorana.dueLocal(TestTime.businessHours(24), receivedAt: "2026-07-02T16:00:00-04:00") == "2026-07-08T16:00:00-04:00")
        #expect(try pandorana.dueLocal(TestTime.businessHours(8), receivedAt: "2027-12-23T16:00:00-05:00") == "2027-12-27T16:00:00-05:00")
        let mejurn = try CalendarSpec.mejurn.build()
        #expect(try mejurn.dueLocal(.businessDays(2), receivedAt: "2027-12-24T16:00:00Z") == "2027-12-30T17:00:00+00:00")
        #expect(try mejurn.dueLocal(.businessDays(1), receivedAt: "2024-05-03T10:00:00+01:00") == "2024-05-07T17:00:00+01:00")
    }

    @Test("the leap day 2028-02-29 (a Tuesday) is a business day in both brand calendars")
    func leapDay() throws {
        let pandorana = try CalendarSpec.pandorana.build()
        #expect(pandorana.isBusinessTime(try TestTime.instant("2028-02-29T12:00:00-05:00")))
        #expect(try pandorana.dueLocal(.businessDays(1), receivedAt: "2028-02-28T10:00:00-05:00") == "2028-02-29T17:00:00-05:00")
        #expect(try pandorana.dueLocal(TestTime.businessHours(8), receivedAt: "2028-02-28T17:00:00-05:00") == "2028-02-29T17:00:00-05:00")
        #expect(try pandorana.dueLocal(TestTime.businessHours(24), receivedAt: "2028-02-28T12:00:00-05:00") == "2028-03-02T12:00:00-05:00")
        let mejurn = try CalendarSpec.mejurn.build()
        #expect(mejurn.isBusinessTime(try TestTime.instant("2028-02-29T12:00:00Z")))
        #expect(try mejurn.dueLocal(TestTime.sameBusinessDay("12:00"), receivedAt: "2028-02-29T11:00:00Z") == "2028-02-29T17:00:00+00:00")
        #expect(try mejurn.dueLocal(.businessDays(2), receivedAt: "2028-02-28T16:00:00Z") == "2028-03-01T17:00:00+00:00")
    }

    @Test("business_days 0 is the close of the effective receipt's business day", arguments: [
        ("2024-06-12T10:00:00-04:00", "2024-06-12T17:00:00-04:00"),
        ("2024-06-12T07:00:00-04:00", "2024-06-12T17:00:00-04:00"),
        ("2024-06-15T10:00:00-04:00", "2024-06-17T17:00:00-04:00"),
        ("2024-07-04T10:00:00-04:00", "2024-07-05T17:00:00-04:00"),
        ("2024-06-12T17:00:00-04:00", "2024-06-13T17:00:00-04:00"),
    ])
    func businessDaysZero(received: String, expected: String) throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(.businessDays(0), receivedAt: received) == expected)
    }

    @Test("touching intervals mean the same as one merged interval")
    func touchingIntervalsMerge() throws {
        let touching = try CalendarSpec(
            id: "touching", zone: "America/New_York",
            hours: CalendarSpec.weekdays([("09:00", "11:00"), ("11:00", "12:00"), ("12:00", "17:00")]),
            holidays: [], coverageFrom: "2024-01-01", coverageThrough: "2024-12-31"
        ).build()
        let plain = try CalendarSpec(
            id: "plain", zone: "America/New_York", hours: CalendarSpec.weekdays([("09:00", "17:00")]),
            holidays: [], coverageFrom: "2024-01-01", coverageThrough: "2024-12-31"
        ).build()
        let merged = try OpeningInterval(start: TestTime.wall("09:00"), end: TestTime.wall("17:00"))
        #expect(touching.weeklyHours[.mon] == [merged])
        #expect(touching.isBusinessTime(try TestTime.instant("2024-06-12T12:00:00-04:00")))
        let targets: [SLATarget] = [
            TestTime.businessHours(1), TestTime.businessHours(3), .businessDays(0), .businessDays(1), try TestTime.sameBusinessDay("12:00"),
        ]
        for received in ["2024-06-12T11:00:00-04:00", "2024-06-12T12:00:00-04:00", "2024-06-12T10:30:00-04:00", "2024-06-12T11:59:59-04:00"] {
            for target in targets {
                let instant = try TestTime.instant(received)
                #expect(try touching.due(for: target, receivedAt: instant) == (try plain.due(for: target, receivedAt: instant)), "\(target) from \(received)")
            }
        }
    }
}
