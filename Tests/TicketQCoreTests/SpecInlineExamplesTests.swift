import Testing
@testable import TicketQCore

/// The examples the spec gives in its running text (§1.1, §3.2, §5.1–§5.4, §7.1, §7.2).
struct SpecInlineExamplesTests {
    @Test("§3.2 table: ordinary, skipped and repeated wall times in New York")
    func boundaryTable() throws {
        let rules = try #require(ZoneRules(
            identifier: "America/New_York",
            from: TestTime.instant("2024-01-01T00:00:00Z"), through: TestTime.instant("2025-01-01T00:00:00Z")
        ))
        #expect(rules.instant(of: try TestTime.date("2024-06-12"), at: try TestTime.wall("09:00")) == (try TestTime.instant("2024-06-12T13:00:00Z")).secondsSinceEpoch)
        #expect(rules.instant(of: try TestTime.date("2024-03-10"), at: try TestTime.wall("02:30")) == (try TestTime.instant("2024-03-10T07:00:00Z")).secondsSinceEpoch)
        #expect(rules.instant(of: try TestTime.date("2024-11-03"), at: try TestTime.wall("01:30")) == (try TestTime.instant("2024-11-03T05:30:00Z")).secondsSinceEpoch)
    }

    @Test("§1.1 Zendesk: Friday 16:00 + 2 business hours on 9–5 → Monday 10:00")
    func zendeskFridayExample() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.businessHours(2), receivedAt: "2024-06-14T16:00:00-04:00") == "2024-06-17T10:00:00-04:00")
    }

    @Test("§5.1 24 calendar hours from Saturday 22:00 EDT → Sunday 21:00 EST")
    func calendarHoursAcrossFallBack() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.calendarHours(24), receivedAt: "2024-11-02T22:00:00-04:00") == "2024-11-03T21:00:00-05:00")
    }

    @Test("§5.1 24 calendar hours across spring forward: Saturday 22:00 EST → Sunday 23:00 EDT")
    func calendarHoursAcrossSpringForward() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.calendarHours(24), receivedAt: "2024-03-09T22:00:00-05:00") == "2024-03-10T23:00:00-04:00")
    }

    @Test("§5.2 a target that runs out exactly at the close is due at the close")
    func exhaustedAtClose() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.businessHours(1), receivedAt: "2024-06-14T16:00:00-04:00") == "2024-06-14T17:00:00-04:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(8), receivedAt: "2024-06-14T17:00:00-04:00") == "2024-06-17T17:00:00-04:00")
    }

    @Test("§5.3 every receipt of one Mejurn weekend is due Wednesday 17:00", arguments: [
        "2024-06-14T17:30:00+01:00", "2024-06-15T12:00:00+01:00", "2024-06-16T18:00:00+01:00", "2024-06-17T00:00:00+01:00",
    ])
    func weekendReceiptsShareTheDue(received: String) throws {
        let calendar = try CalendarSpec.mejurn.build()
        #expect(try calendar.dueLocal(.businessDays(2), receivedAt: received) == "2024-06-19T17:00:00+01:00")
        #expect(try calendar.effectiveLocal(received) == "2024-06-17T09:00:00+01:00")
    }

    @Test("§5.3 Freshdesk comparison: business_days 1 from Monday 08:00 is Tuesday 17:00; days 0 and 8 BH are Monday 17:00")
    func freshdeskComparison() throws {
        let calendar = try CalendarSpec.pandorana.build()
        let monday8 = "2024-06-10T08:00:00-04:00"
        #expect(try calendar.dueLocal(.businessDays(1), receivedAt: monday8) == "2024-06-11T17:00:00-04:00")
        #expect(try calendar.dueLocal(.businessDays(0), receivedAt: monday8) == "2024-06-10T17:00:00-04:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(8), receivedAt: monday8) == "2024-06-10T17:00:00-04:00")
    }

    @Test("§5.3 the cliff at closing: 16:59:59 counts from today, 17:00:00 from the next business day")
    func closingCliff() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(.businessDays(1), receivedAt: "2024-06-10T16:59:59-04:00") == "2024-06-11T17:00:00-04:00")
        #expect(try calendar.dueLocal(.businessDays(1), receivedAt: "2024-06-10T17:00:00-04:00") == "2024-06-12T17:00:00-04:00")
    }

    /// Calendar: Sundays 00:00–05:00 and weekdays 09:00–17:00 in New York. On 2024-11-03 the
    /// 01:45 cutoff is 01:45 EDT (05:45Z); 01:40 EST (06:40Z) comes after it.
    @Test("§5.4 the cutoff is an instant comparison in a repeated hour")
    func cutoffInRepeatedHour() throws {
        let calendar = try CalendarSpec(
            id: "sunday-early", zone: "America/New_York",
            hours: CalendarSpec.weekdays([("09:00", "17:00")], sun: [("00:00", "05:00")]),
            holidays: [], coverageFrom: "2024-01-01", coverageThrough: "2024-12-31"
        ).build()
        let target = try TestTime.sameBusinessDay("01:45")
        #expect(try calendar.dueLocal(target, receivedAt: "2024-11-03T01:40:00-05:00") == "2024-11-04T17:00:00-05:00")
        #expect(try calendar.dueLocal(target, receivedAt: "2024-11-03T01:40:00-04:00") == "2024-11-03T05:00:00-05:00")
    }

    @Test("§5.4 receipts before opening, on a Saturday or on a holiday compare the next opening with the cutoff", arguments: [
        ("2024-06-12T07:00:00-04:00", "2024-06-12T17:00:00-04:00"),
        ("2024-06-15T12:00:00-04:00", "2024-06-17T17:00:00-04:00"),
        ("2024-07-04T15:00:00-04:00", "2024-07-05T17:00:00-04:00"),
    ])
    func cutoffComparesEffectiveReceipt(received: String, expected: String) throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.sameBusinessDay("14:00"), receivedAt: received) == expected)
    }

    @Test("§7.1 24 BH: Wednesday 10:00 → Monday 10:00; Friday after close → Wednesday 17:00")
    func pandoranaStandardLane() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.businessHours(24), receivedAt: "2024-06-12T10:00:00-04:00") == "2024-06-17T10:00:00-04:00")
        #expect(try calendar.dueLocal(TestTime.businessHours(24), receivedAt: "2024-06-14T17:30:00-04:00") == "2024-06-19T17:00:00-04:00")
    }

    @Test("§7.1 complaint Monday 10:00: response (24 BH) Thursday 10:00, resolution (3 BD) Thursday 17:00")
    func pandoranaComplaint() throws {
        let calendar = try CalendarSpec.pandorana.build()
        #expect(try calendar.dueLocal(TestTime.businessHours(24), receivedAt: "2024-06-10T10:00:00-04:00") == "2024-06-13T10:00:00-04:00")
        #expect(try calendar.dueLocal(.businessDays(3), receivedAt: "2024-06-10T10:00:00-04:00") == "2024-06-13T17:00:00-04:00")
    }

    @Test("§7.2 2 BD: Monday 10:00 → Wednesday 17:00")
    func mejurnStandardLane() throws {
        let calendar = try CalendarSpec.mejurn.build()
        #expect(try calendar.dueLocal(.businessDays(2), receivedAt: "2024-06-10T10:00:00+01:00") == "2024-06-12T17:00:00+01:00")
    }
}
