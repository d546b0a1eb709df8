import Testing
@testable import TicketQCore

/// The worked examples of spec §7.3, computed on calendars built in code (the brand policies
/// themselves are exercised in the configuration tests).
struct SpecWorkedExamplesTests {
    @Test("#1 24 BH over the spring DST change is due 15:00 EDT (19:00Z, not 20:00Z)")
    func example1() throws {
        let calendar = try CalendarSpec.pandorana.build()
        let due = try calendar.due(for: TestTime.businessHours(24), receivedAt: TestTime.instant("2024-03-08T15:00:00-05:00"))
        #expect(due.due == (try TestTime.instant("2024-03-13T19:00:00Z")))
        #expect(calendar.formatLocal(due.due) == "2024-03-13T15:00:00-04:00")
    }

    @Test("#2 24 BH from the day before Thanksgiving: core Tue 12-03, retail Wed 12-04")
    func example2() throws {
        let received = "2024-11-27T16:00:00-05:00"
        let core = try CalendarSpec.pandorana.build()
        let retail = try CalendarSpec.pandoranaRetail.build()
        #expect(try core.dueLocal(TestTime.businessHours(24), receivedAt: received) == "2024-12-03T16:00:00-05:00")
        #expect(try retail.dueLocal(TestTime.businessHours(24), receivedAt: received) == "2024-12-04T16:00:00-05:00")
    }

    @Test("#3 24 BH over the observed New Year (Fri 2027-12-31 closed)")
    func example3() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.businessHours(24), receivedAt: "2027-12-30T12:00:00-05:00") == "2028-01-05T12:00:00-05:00")
    }

    @Test("#4 same_business_day exactly at the 14:00 cutoff goes to the next business day")
    func example4() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.sameBusinessDay("14:00"), receivedAt: "2024-06-12T14:00:00-04:00") == "2024-06-13T17:00:00-04:00")
    }

    @Test("#5 same_business_day after the cutoff on the Friday before Memorial Day")
    func example5() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.sameBusinessDay("14:00"), receivedAt: "2024-05-24T14:30:00-04:00") == "2024-05-28T17:00:00-04:00")
    }

    @Test("#6 2 BD over Good Friday, the BST start and Easter Monday")
    func example6() throws {
        let calendar = try CalendarSpec.mejurn.build()
        #expect(try calendar.dueLocal(.businessDays(2), receivedAt: "2024-03-28T16:00:00Z") == "2024-04-03T17:00:00+01:00")
    }

    @Test("#7 2 BD over the New Year substitute day Mon 2028-01-03")
    func example7() throws {
        let calendar = try CalendarSpec.mejurn.build()
        #expect(try calendar.dueLocal(.businessDays(2), receivedAt: "2027-12-31T10:00:00Z") == "2028-01-05T17:00:00+00:00")
    }

    @Test("#8 same_business_day after the 12:00 cutoff on a Friday")
    func example8() throws {
        let calendar = try CalendarSpec.mejurn.build()
        #expect(try calendar.dueLocal(TestTime.sameBusinessDay("12:00"), receivedAt: "2024-06-14T12:30:00+01:00") == "2024-06-17T17:00:00+01:00")
    }

    /// Calendar chosen for #9: Mon–Fri 09:00–12:00 + 13:00–17:30, Sat 10:00–13:00, New York.
    /// Friday 16:00 has 1.5 h left that day, the remaining 2.5 h run from Saturday 10:00.
    @Test("#9 4 BH on a split shift with Saturday hours: Fri 16:00 → Sat 12:30")
    func example9() throws {
        let calendar = try CalendarSpec(
            id: "split-shift", zone: "America/New_York",
            hours: CalendarSpec.weekdays([("09:00", "12:00"), ("13:00", "17:30")], sat: [("10:00", "13:00")]),
            holidays: [], coverageFrom: "2024-01-01", coverageThrough: "2024-12-31"
        ).build()
        #expect(try calendar.dueLocal(TestTime.businessHours(4), receivedAt: "2024-06-14T16:00:00-04:00") == "2024-06-15T12:30:00-04:00")
    }

    /// Calendar chosen for #10: Sundays 00:30–01:30 and 02:30–03:30, weekdays 09:00–17:00, New York.
    /// On 2024-11-03, 00:30–01:30 is `[04:30Z, 05:30Z)` (the first pass); 01:10 EST (06:10Z) is
    /// the second pass and outside it, so the half hour runs from 02:30 EST (07:30Z).
    @Test("#10 01:10 EST on the fall-back Sunday is outside an 00:30–01:30 interval")
    func example10() throws {
        let calendar = try CalendarSpec(
            id: "sunday-night", zone: "America/New_York",
            hours: CalendarSpec.weekdays([("09:00", "17:00")], sun: [("00:30", "01:30"), ("02:30", "03:30")]),
            holidays: [], coverageFrom: "2024-01-01", coverageThrough: "2024-12-31"
        ).build()
        let secondPass = try TestTime.instant("2024-11-03T01:10:00-05:00")
        #expect(secondPass == (try TestTime.instant("2024-11-03T06:10:00Z")))
        #expect(!calendar.isBusinessTime(secondPass))
        #expect(calendar.isBusinessTime(try TestTime.instant("2024-11-03T01:10:00-04:00")))
        let due = try calendar.due(for: TestTime.businessHours(0.5), receivedAt: secondPass)
        #expect(due.effectiveReceipt == (try TestTime.instant("2024-11-03T07:30:00Z")))
        #expect(calendar.formatLocal(due.due) == "2024-11-03T03:00:00-05:00")
    }
}
