import Testing
import TicketQConfig
import TicketQCore

/// Policy resolution of spec §6 with the real brand policies: category fallback, urgent
/// categories and flag, extended triggers, precedence urgent > extended > standard, and the
/// resolution target from the category or the lane.
struct PolicyResolutionTests {
    static let received = "2024-06-12T10:00:00-04:00"

    static func resolve(_ brand: String, _ facts: TicketFacts) throws -> SLAResolution {
        try BrandCatalog.resolve(brand, facts, receivedAt: received)
    }

    @Test("Pandorana: lane, urgency and targets per ticket facts", arguments: [
        // (category, urgent, complex, high volume) → (resolved, urgent, lane, resolution)
        ("order_modification", false, false, false, "order_modification", true, Lane.sameBusinessDay, SLATarget?.none),
        ("order_modification", false, true, true, "order_modification", true, .sameBusinessDay, nil),
        ("general", true, true, true, "general", true, .sameBusinessDay, nil),
        ("general", false, true, false, "general", false, .extended, nil),
        ("general", false, false, true, "general", false, .extended, nil),
        ("general", false, false, false, "general", false, .standard, nil),
        ("complaint", false, false, false, "complaint", false, .standard, .businessDays(3)),
        ("complaint", false, true, false, "complaint", false, .extended, .businessDays(3)),
        ("complaint", true, false, true, "complaint", true, .sameBusinessDay, .businessDays(3)),
        ("refund_processing", false, false, false, "refund_processing", false, .standard, nil),
        ("warranty_claim", false, false, false, "general", false, .standard, nil),
        ("warranty_claim", false, true, false, "general", false, .extended, nil),
    ])
    func pandorana(
        category: String, urgentFlag: Bool, complex: Bool, highVolume: Bool,
        resolved: String, urgent: Bool, lane: Lane, resolution: SLATarget?
    ) throws {
        let result = try Self.resolve("pandorana", TicketFacts(category: category, urgent: urgentFlag, complex: complex, highVolumeMode: highVolume))
        #expect(result.categoryResolved == resolved)
        #expect(result.urgent == urgent)
        #expect(result.lane == lane)
        #expect(result.resolutionTarget == resolution)
        #expect((result.resolutionDue != nil) == (resolution != nil))
        #expect(result.categoryFellBack == (category != resolved))
        let expectedResponse: SLATarget = switch lane {
        case .sameBusinessDay: .sameBusinessDay(cutoff: WallTime("14:00")!)
        case .extended: .businessHours(minutes: 48 * 60)
        case .standard: .businessHours(minutes: 24 * 60)
        }
        #expect(result.responseTarget == expectedResponse)
        #expect(result.policyVersion == "1")
        #expect(result.calendarVersion == "1")
    }

    @Test("Mejurn: urgent categories, no extended lane, lane resolution of 1 BD", arguments: [
        ("order_discrepancy", false, false, false, "order_discrepancy", true, Lane.sameBusinessDay),
        ("order_modification", false, false, false, "order_modification", true, .sameBusinessDay),
        ("shipping_tracking_problem", false, true, true, "shipping_tracking_problem", true, .sameBusinessDay),
        ("shipping_undelivered", false, false, false, "shipping_undelivered", true, .sameBusinessDay),
        ("general", true, false, false, "general", true, .sameBusinessDay),
        ("general", false, true, true, "general", false, .standard),
        ("feedback_complaint", false, true, false, "feedback_complaint", false, .standard),
        ("shipping_timeline", false, false, true, "shipping_timeline", false, .standard),
        ("teleportation", false, false, false, "general", false, .standard),
    ])
    func mejurn(
        category: String, urgentFlag: Bool, complex: Bool, highVolume: Bool, resolved: String, urgent: Bool, lane: Lane
    ) throws {
        let result = try Self.resolve("mejurn", TicketFacts(category: category, urgent: urgentFlag, complex: complex, highVolumeMode: highVolume))
        #expect(result.categoryResolved == resolved)
        #expect(result.urgent == urgent)
        #expect(result.lane == lane)
        if lane == .sameBusinessDay {
            #expect(result.responseTarget == .sameBusinessDay(cutoff: WallTime("12:00")!))
            #expect(result.resolutionTarget == .businessDays(1))
        } else {
            #expect(result.responseTarget == .businessDays(2))
            #expect(result.resolutionTarget == nil)
            #expect(result.resolutionDue == nil)
        }
    }

    @Test("no category resolves to the default without counting as a fallback")
    func missingCategory() throws {
        let result = try Self.resolve("pandorana", TicketFacts(category: nil))
        #expect(result.categoryResolved == "general")
        #expect(!result.categoryFellBack)
        #expect(result.lane == .standard)
    }

    @Test("the brand policies carry the shapes of spec §7")
    func policyShapes() throws {
        let catalog = try BrandCatalog.catalog()
        let pandorana = try catalog.policy(for: "pandorana")
        #expect(pandorana.calendar.id == "pandorana-us-ny")
        #expect(pandorana.defaultCategory == "general")
        #expect(pandorana.urgentCategories == ["order_modification"])
        #expect(pandorana.lanes[.extended]?.triggers == [.complex, .highVolumeMode])
        #expect(pandorana.categories.count == 9)
        let settlement = try #require(pandorana.categories["refund_processing"]?.refundSettlement)
        #expect(settlement.minimumDays == 5 && settlement.maximumDays == 10 && settlement.from == "refund_issued")
        #expect(pandorana.categories["refund_processing"]?.resolution == nil)
        let mejurn = try catalog.policy(for: "mejurn")
        #expect(mejurn.calendar.id == "mejurn-uk-london")
        #expect(mejurn.lanes[.extended] == nil)
        #expect(mejurn.urgentCategories == ["order_discrepancy", "order_modification", "shipping_tracking_problem", "shipping_undelivered"])
        #expect(mejurn.categories.count == 13)
        #expect(pandorana.warnings.isEmpty && mejurn.warnings.isEmpty && catalog.warnings.isEmpty)
    }

    @Test("an unknown brand is a clear error naming the configured brands")
    func unknownBrand() throws {
        let error = #expect(throws: ConfigError.self) { try BrandCatalog.catalog().policy(for: "acme") }
        #expect(error?.field == "brand")
        #expect(error?.reason.contains("mejurn, pandorana") == true)
    }
}
