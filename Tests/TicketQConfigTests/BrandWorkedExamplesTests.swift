import Foundation
import Testing
import TicketQConfig
import TicketQCore

/// The worked examples of spec §7.3 and the brand examples of §7.1–§7.2, through the real brand
/// policies and calendars shipped in `config/` (lane selection included).
struct BrandWorkedExamplesTests {
    static func pandorana() throws -> BusinessCalendar { try BrandCatalog.catalog().policy(for: "pandorana").calendar }
    static func mejurn() throws -> BusinessCalendar { try BrandCatalog.catalog().policy(for: "mejurn").calendar }

    @Test("#1 Pandorana standard lane, 24 BH over the spring DST change: 15:00 EDT = 19:00Z")
    func example1() throws {
        let result = try BrandCatalog.resolve("pandorana", TicketFacts(category: "general"), receivedAt: "2024-03-08T15:00:00-05:00")
        #expect(result.lane == .standard)
        #expect(result.responseTarget == .businessHours(minutes: 24 * 60))
        #expect(result.due == (try BrandCatalog.instant("2024-03-13T19:00:00Z")))
        #expect(result.dueLocal(try Self.pandorana()) == "2024-03-13T15:00:00-04:00")
    }

    @Test("#1 as the spec §6 record")
    func example1Record() throws {
        let result = try BrandCatalog.resolve("pandorana", TicketFacts(category: "general"), receivedAt: "2024-03-08T15:00:00-05:00")
        let json = result.jsonRecord(idJSON: "\"t-1\"", calendar: try Self.pandorana())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["id"] as? String == "t-1")
        #expect(object["category_resolved"] as? String == "general")
        #expect(object["urgent"] as? Bool == false)
        #expect(object["lane"] as? String == "standard")
        #expect(object["effective_receipt_utc"] as? String == "2024-03-08T20:00:00Z")
        #expect(object["due_utc"] as? String == "2024-03-13T19:00:00Z")
        #expect(object["due_local"] as? String == "2024-03-13T15:00:00-04:00")
        #expect(object["resolution_target"] is NSNull)
        #expect(object["resolution_due_utc"] is NSNull)
        let target = try #require(object["response_target"] as? [String: Any])
        #expect(target["unit"] as? String == "business_hours")
        #expect((target["value"] as? NSNumber)?.intValue == 24)
        #expect(target.count == 2)
    }

    @Test("#2 the day before Thanksgiving: core calendar Tue 12-03, retail calendar Wed 12-04")
    func example2() throws {
        let received = "2024-11-27T16:00:00-05:00"
        let core = try BrandCatalog.resolve("pandorana", TicketFacts(category: "general"), receivedAt: received)
        #expect(core.dueLocal(try Self.pandorana()) == "2024-12-03T16:00:00-05:00")
        let retailCalendar = try #require(try BrandCatalog.catalog().calendars["pandorana-us-ny-retail"])
        let retail = try BrandCatalog.resolve("pandorana", TicketFacts(category: "general"), receivedAt: received, calendar: "pandorana-us-ny-retail")
        #expect(retail.dueLocal(retailCalendar) == "2024-12-04T16:00:00-05:00")
        #expect(retail.calendarVersion == "1")
    }

    @Test("#3 24 BH over the observed New Year (Fri 2027-12-31)")
    func example3() throws {
        let result = try BrandCatalog.resolve("pandorana", TicketFacts(category: "order_tracking"), receivedAt: "2027-12-30T12:00:00-05:00")
        #expect(result.dueLocal(try Self.pandorana()) == "2028-01-05T12:00:00-05:00")
    }

    @Test("#4 urgent order_modification exactly at the 14:00 cutoff → next business day")
    func example4() throws {
        let result = try BrandCatalog.resolve("pandorana", TicketFacts(category: "order_modification"), receivedAt: "2024-06-12T14:00:00-04:00")
        #expect(result.lane == .sameBusinessDay)
        #expect(result.dueLocal(try Self.pandorana()) == "2024-06-13T17:00:00-04:00")
        let before = try BrandCatalog.resolve("pandorana", TicketFacts(category: "order_modification"), receivedAt: "2024-06-12T13:59:59-04:00")
        #expect(before.dueLocal(try Self.pandorana()) == "2024-06-12T17:00:00-04:00")
    }

    @Test("#5 urgent after the cutoff on the Friday before Memorial Day → Tuesday")
    func example5() throws {
        let result = try BrandCatalog.resolve("pandorana", TicketFacts(category: "general", urgent: true), receivedAt: "2024-05-24T14:30:00-04:00")
        #expect(result.lane == .sameBusinessDay)
        #expect(result.dueLocal(try Self.pandorana()) == "2024-05-28T17:00:00-04:00")
    }

    @Test("#6 Mejurn 2 BD over Good Friday, BST start and Easter Monday")
    func example6() throws {
        let result = try BrandCatalog.resolve("mejurn", TicketFacts(category: "general"), receivedAt: "2024-03-28T16:00:00Z")
        #expect(result.lane == .standard)
        #expect(result.dueLocal(try Self.mejurn()) == "2024-04-03T17:00:00+01:00")
    }

    @Test("#7 Mejurn 2 BD over the New Year substitute Monday 2028-01-03")
    func example7() throws {
        let result = try BrandCatalog.resolve("mejurn", TicketFacts(category: "return_refund"), receivedAt: "2027-12-31T10:00:00Z")
        #expect(result.dueLocal(try Self.mejurn()) == "2028-01-05T17:00:00+00:00")
    }

    @Test("#8 Mejurn urgent after the 12:00 cutoff on a Friday → Monday; resolution D1 is Monday too")
    func example8() throws {
        let result = try BrandCatalog.resolve("mejurn", TicketFacts(category: "order_discrepancy"), receivedAt: "2024-06-14T12:30:00+01:00")
        #expect(result.lane == .sameBusinessDay)
        #expect(result.dueLocal(try Self.mejurn()) == "2024-06-17T17:00:00+01:00")
        #expect(result.resolutionDueLocal(try Self.mejurn()) == "2024-06-17T17:00:00+01:00")
    }

    @Test("#9 and #10 with calendars read from YAML and explicit rules")
    func examples9And10() throws {
        let splitShift = try CalendarDecoder.decode(ConfigNode.parseYAML("""
            id: split-shift
            time_zone: America/New_York
            weekly_hours:
              mon: [["09:00", "12:00"], ["13:00", "17:30"]]
              tue: [["09:00", "12:00"], ["13:00", "17:30"]]
              wed: [["09:00", "12:00"], ["13:00", "17:30"]]
              thu: [["09:00", "12:00"], ["13:00", "17:30"]]
              fri: [["09:00", "12:00"], ["13:00", "17:30"]]
              sat: [["10:00", "13:00"]]
              sun: []
            coverage: { from: "2024-01-01", through: "2024-12-31" }
            """))
        let nine = try SLAEngine.resolve(
            receivedAt: BrandCatalog.instant("2024-06-14T16:00:00-04:00"), response: .businessHours(minutes: 240), resolution: nil, calendar: splitShift
        )
        #expect(nine.dueLocal(splitShift) == "2024-06-15T12:30:00-04:00")
        #expect(nine.lane == nil && nine.laneName == "explicit")

        let sundayNight = try CalendarDecoder.decode(ConfigNode.parseYAML("""
            calendar:
              id: sunday-night
              time_zone: America/New_York
              weekly_hours:
                mon: [["09:00", "17:00"]]
                tue: [["09:00", "17:00"]]
                wed: [["09:00", "17:00"]]
                thu: [["09:00", "17:00"]]
                fri: [["09:00", "17:00"]]
                sat: []
                sun: [["00:30", "01:30"], ["02:30", "03:30"]]
              coverage: { from: "2024-01-01", through: "2024-12-31" }
            """))
        let ten = try SLAEngine.resolve(
            receivedAt: BrandCatalog.instant("2024-11-03T06:10:00Z"), response: .businessHours(minutes: 30), resolution: nil, calendar: sundayNight
        )
        #expect(ten.effectiveReceipt == (try BrandCatalog.instant("2024-11-03T07:30:00Z")))
        #expect(ten.dueLocal(sundayNight) == "2024-11-03T03:00:00-05:00")
    }

    @Test("§7.1 Wednesday 10:00 → Monday 10:00; Friday after close → Wednesday 17:00")
    func pandoranaStandard() throws {
        let wednesday = try BrandCatalog.resolve("pandorana", TicketFacts(category: "product_information"), receivedAt: "2024-06-12T10:00:00-04:00")
        #expect(wednesday.dueLocal(try Self.pandorana()) == "2024-06-17T10:00:00-04:00")
        let friday = try BrandCatalog.resolve("pandorana", TicketFacts(category: "recommendation"), receivedAt: "2024-06-14T17:45:00-04:00")
        #expect(friday.effectiveReceipt == (try BrandCatalog.instant("2024-06-17T09:00:00-04:00")))
        #expect(friday.dueLocal(try Self.pandorana()) == "2024-06-19T17:00:00-04:00")
    }

    @Test("§7.1 complaint Monday 10:00: response Thursday 10:00, resolution Thursday 17:00")
    func pandoranaComplaint() throws {
        let result = try BrandCatalog.resolve("pandorana", TicketFacts(category: "complaint"), receivedAt: "2024-06-10T10:00:00-04:00")
        #expect(result.lane == .standard)
        #expect(result.resolutionTarget == .businessDays(3))
        #expect(result.dueLocal(try Self.pandorana()) == "2024-06-13T10:00:00-04:00")
        #expect(result.resolutionDueLocal(try Self.pandorana()) == "2024-06-13T17:00:00-04:00")
    }

    @Test("§7.1 extended lane: 48 BH from Friday 10:00 → Monday week 10:00")
    func pandoranaExtended() throws {
        let result = try BrandCatalog.resolve("pandorana", TicketFacts(category: "general", complex: true), receivedAt: "2024-06-14T10:00:00-04:00")
        #expect(result.lane == .extended)
        #expect(result.dueLocal(try Self.pandorana()) == "2024-06-24T10:00:00-04:00")
    }

    @Test("§7.2 Mejurn 2 BD: Monday 10:00 → Wednesday 17:00")
    func mejurnStandard() throws {
        let result = try BrandCatalog.resolve("mejurn", TicketFacts(category: "general"), receivedAt: "2024-06-10T10:00:00+01:00")
        #expect(result.dueLocal(try Self.mejurn()) == "2024-06-12T17:00:00+01:00")
    }

    @Test("§5.3 / §7.2 weekend messages are processed on the next business day: all due Wednesday 17:00", arguments: [
        "2024-06-14T17:30:00+01:00", "2024-06-15T12:00:00+01:00", "2024-06-16T18:00:00+01:00", "2024-06-17T00:00:00+01:00",
    ])
    func mejurnWeekend(received: String) throws {
        let result = try BrandCatalog.resolve("mejurn", TicketFacts(category: "order_status"), receivedAt: received)
        #expect(result.effectiveReceipt == (try BrandCatalog.instant("2024-06-17T09:00:00+01:00")))
        #expect(result.dueLocal(try Self.mejurn()) == "2024-06-19T17:00:00+01:00")
    }

    @Test("§7.2 Mejurn urgent before the cutoff: due today, resolution (1 BD) tomorrow")
    func mejurnUrgentBeforeCutoff() throws {
        let result = try BrandCatalog.resolve("mejurn", TicketFacts(category: "shipping_undelivered"), receivedAt: "2024-06-10T10:00:00+01:00")
        #expect(result.dueLocal(try Self.mejurn()) == "2024-06-10T17:00:00+01:00")
        #expect(result.resolutionDueLocal(try Self.mejurn()) == "2024-06-11T17:00:00+01:00")
    }

    @Test("policy coverage errors surface as SLAError through the engine")
    func coverageThroughPolicy() throws {
        #expect(throws: SLAError.self) {
            try BrandCatalog.resolve("mejurn", TicketFacts(category: "general"), receivedAt: "2029-03-01T10:00:00Z")
        }
    }
}
