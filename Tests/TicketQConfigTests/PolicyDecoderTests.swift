import Testing
import TicketQConfig
import TicketQCore

/// Brand policy documents (spec §6–§7): inconsistent policies are rejected naming the field.
struct PolicyDecoderTests {
    static let file = "brands/acme.yaml"

    static func decode(_ text: String) throws -> BrandPolicy {
        try PolicyDecoder.decode(ConfigNode.parseYAML(text, file: file), calendars: BrandCatalog.catalog().calendars, file: file)
    }

    @Test("the base policy decodes")
    func validPolicy() throws {
        let policy = try Self.decode(ConfigFixtures.policyYAML)
        #expect(policy.brand == "acme")
        #expect(policy.version == "2024.2")
        #expect(policy.calendar.id == "pandorana-us-ny")
        #expect(policy.lanes[.extended]?.triggers == [.complex])
        #expect(policy.lanes[.sameBusinessDay]?.resolution == .businessDays(1))
        #expect(policy.categories["complaint"]?.resolution == .businessDays(3))
    }

    static let invalid: [(name: String, old: String, new: String, field: String)] = [
        ("default category not a category", "default_category: general", "default_category: misc", "default_category"),
        ("urgent category unknown", "urgent_categories: [order_modification]", "urgent_categories: [order_modification, teleport]", "urgent_categories[1]"),
        ("missing standard lane", "  standard:\n    response: { unit: business_hours, value: 24 }\n", "", "lanes.standard"),
        ("missing same_business_day lane", "  same_business_day:\n    response: { unit: same_business_day, cutoff: \"14:00\" }\n    resolution: { unit: business_days, value: 1 }\n", "", "lanes.same_business_day"),
        ("unknown calendar", "calendar: pandorana-us-ny", "calendar: acme-mars", "calendar"),
        ("triggers on the standard lane", "    response: { unit: business_hours, value: 24 }\n", "    response: { unit: business_hours, value: 24 }\n    triggers: [complex]\n", "lanes.standard.triggers"),
        ("triggers on the urgent lane", "    resolution: { unit: business_days, value: 1 }\n", "    resolution: { unit: business_days, value: 1 }\n    triggers: [high_volume_mode]\n", "lanes.same_business_day.triggers"),
        ("an unknown trigger", "triggers: [complex]", "triggers: [angry]", "lanes.extended.triggers[0]"),
        ("an extended lane without triggers", "triggers: [complex]", "triggers: []", "lanes.extended.triggers"),
        ("an unknown lane", "  extended:", "  express:", "lanes.express"),
        ("an unknown top-level key", "default_category:", "fallback_category: general\ndefault_category:", "fallback_category"),
        ("a bad lane target", "{ unit: business_hours, value: 48 }", "{ unit: hours, value: 48 }", "lanes.extended.response.unit"),
        ("a category with an unknown key", "  general: {}", "  general: { priority: 1 }", "categories.general.priority"),
        ("a bad category resolution", "resolution: { unit: business_days, value: 3 }", "resolution: { unit: business_days, value: 0.5 }", "categories.complaint.resolution.value"),
        ("a brand name with a space", "brand: acme", "brand: \"ac me\"", "brand"),
    ]

    @Test("invalid policies are rejected naming the field", arguments: invalid)
    func rejected(name: String, old: String, new: String, field: String) throws {
        let text = try ConfigFixtures.replacing(old, with: new, in: ConfigFixtures.policyYAML)
        let error = #expect(throws: ConfigError.self, "\(name)") { try Self.decode(text) }
        #expect(error?.field == field, "\(name): \(String(describing: error))")
        #expect(error?.file == Self.file)
        #expect(error?.reason.isEmpty == false)
    }

    @Test("an unknown calendar lists the known ones")
    func unknownCalendarListsKnown() throws {
        let text = try ConfigFixtures.replacing("calendar: pandorana-us-ny", with: "calendar: acme-mars", in: ConfigFixtures.policyYAML)
        let error = #expect(throws: ConfigError.self) { try Self.decode(text) }
        #expect(error?.reason.contains("mejurn-uk-london") == true)
    }

    @Test("a cutoff outside opening hours is a warning, not an error (spec §5.4 SHOULD)")
    func cutoffOutsideHoursWarns() throws {
        let text = try ConfigFixtures.replacing("cutoff: \"14:00\"", with: "cutoff: \"08:00\"", in: ConfigFixtures.policyYAML)
        let policy = try Self.decode(text)
        #expect(policy.warnings.count == 5)
        #expect(policy.warnings.allSatisfy { $0.contains("lanes.same_business_day.response") })
    }
}
