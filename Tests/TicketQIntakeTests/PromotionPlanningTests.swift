import TicketQConfig
import TicketQCore
import TicketQIntake
import Testing

struct PromotionPlanningTests {
    private let now = Instant(secondsSinceEpoch: 1_800_000_000)

    private func at(_ text: String) throws -> Instant { try TicketFixtures.instant(text) }

    @Test func standardTicketIsPromotedWhenItsDueDayOpens() throws {
        // Wednesday 10:00 EST + 24 business hours = Monday 10:00; Monday opens at 09:00.
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog()).plan(try TicketFixtures.ticket(), now: now)
        #expect(plan.due == (try at("2024-01-22T10:00:00-05:00")))
        #expect(plan.promoteAt == (try at("2024-01-22T09:00:00-05:00")))
    }

    @Test func dueAtClosingIsPromotedAtThatDaysOpening() throws {
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog())
            .plan(try TicketFixtures.ticket(received: "2024-01-17T09:00:00-05:00"), now: now)
        #expect(plan.due == (try at("2024-01-19T17:00:00-05:00")))
        #expect(plan.promoteAt == (try at("2024-01-19T09:00:00-05:00")))
    }

    @Test func weekendReceiptCountsFromMonday() throws {
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog())
            .plan(try TicketFixtures.ticket(received: "2024-01-20T12:00:00-05:00"), now: now)
        #expect(plan.effectiveReceipt == (try at("2024-01-22T09:00:00-05:00")))
        #expect(plan.due == (try at("2024-01-24T17:00:00-05:00")))
        #expect(plan.promoteAt == (try at("2024-01-24T09:00:00-05:00")))
    }

    @Test func mejurnStandardTicketPromotion() throws {
        // Two business days from Wednesday: close of Friday; promoted when Friday opens.
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog())
            .plan(try TicketFixtures.ticket(brand: "mejurn", received: "2024-01-17T15:00:00Z"), now: now)
        #expect(plan.promoteAt == (try at("2024-01-19T09:00:00Z")))
    }

    @Test func horizonPromotesEarlierWhenItReachesBeforeTheOpening() throws {
        let catalog = try TicketFixtures.catalog()
        let ticket = try TicketFixtures.ticket()
        let wide = try IntakePlanner(catalog: catalog, promotionHorizon: .seconds(4 * 3600)).plan(ticket, now: now)
        #expect(wide.promoteAt == (try at("2024-01-22T06:00:00-05:00")))
        let narrow = try IntakePlanner(catalog: catalog, promotionHorizon: .seconds(30 * 60)).plan(ticket, now: now)
        #expect(narrow.promoteAt == (try at("2024-01-22T09:00:00-05:00")))
        let fractional = try IntakePlanner(catalog: catalog, promotionHorizon: .milliseconds(4 * 3600 * 1000 + 1)).plan(ticket, now: now)
        #expect(fractional.promoteAt == (try at("2024-01-22T05:59:59-05:00")))
    }

    @Test func sameBusinessDayTicketsAreNeverPromoted() throws {
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog(), promotionHorizon: .seconds(86_400))
            .plan(try TicketFixtures.ticket(category: "order_modification"), now: now)
        #expect(plan.lane == .sameBusinessDay)
        #expect(plan.promoteAt == nil)
    }

    @Test func dueBeforeAnyOpeningIsPromotedAtOnce() throws {
        let calendar = ConfigFile(path: "calendars/test.yaml", contents: """
            id: test-utc
            version: 3
            time_zone: UTC
            weekly_hours: { mon: [["09:00", "17:00"]], tue: [["09:00", "17:00"]], wed: [["09:00", "17:00"]], thu: [["09:00", "17:00"]], fri: [["09:00", "17:00"]], sat: [], sun: [] }
            holidays: []
            coverage: { from: "2024-01-01", through: "2024-12-31" }
            """)
        let brand = ConfigFile(path: "brands/quick.yaml", contents: """
            brand: quick
            version: 7
            calendar: test-utc
            default_category: general
            urgent_categories: []
            lanes:
              standard: { response: { unit: calendar_hours, value: 1 } }
              same_business_day: { response: { unit: same_business_day, cutoff: "12:00" } }
            categories: { general: {} }
            """)
        let catalog = try PolicyCatalog(calendarFiles: [calendar], brandFiles: [brand], source: .embedded)
        let ticket = try TicketFixtures.ticket(brand: "quick", received: "2024-01-01T00:00:00Z")
        let plan = try IntakePlanner(catalog: catalog).plan(ticket, now: now)
        #expect(plan.due == (try at("2024-01-01T01:00:00Z")))
        #expect(plan.promoteAt == ticket.receivedAt)
        #expect(plan.policyVersion == "7")
        #expect(plan.calendarVersion == "3")
        let early = ticket.receivedAt.adding(seconds: -60)
        #expect(try IntakePlanner(catalog: catalog).plan(ticket, now: early).promoteAt == early)
    }
}
