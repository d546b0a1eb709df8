import Testing
import TicketQConfig
import TicketQCore

/// Targets are exactly `{unit, value}` or `{unit: same_business_day, cutoff}` (spec §5).
struct TargetDecoderTests {
    static let path = "lanes.standard.response"

    static func decode(_ yaml: String) throws -> SLATarget {
        try TargetDecoder.decode(ConfigNode.parseYAML(yaml, file: "brands/acme.yaml"), file: "brands/acme.yaml", path: path)
    }

    @Test("valid targets", arguments: [
        ("{ unit: business_hours, value: 24 }", SLATarget.businessHours(minutes: 1440)),
        ("{ unit: business_hours, value: 0.5 }", .businessHours(minutes: 30)),
        ("{ unit: calendar_hours, value: 0.25 }", .calendarHours(minutes: 15)),
        ("{ unit: calendar_hours, value: 1.05 }", .calendarHours(minutes: 63)),
        ("{ unit: business_days, value: 0 }", .businessDays(0)),
        ("{ unit: business_days, value: 3 }", .businessDays(3)),
        (#"{ unit: same_business_day, cutoff: "14:00" }"#, .sameBusinessDay(cutoff: WallTime("14:00")!)),
    ])
    func valid(yaml: String, expected: SLATarget) throws {
        #expect(try Self.decode(yaml) == expected)
    }

    @Test("invalid targets name the field", arguments: [
        (#"{ unit: business_hours, value: 24, cutoff: "14:00" }"#, "cutoff"),
        ("{ unit: business_hours, value: 24, hours: 8 }", "hours"),
        (#"{ unit: same_business_day, cutoff: "14:00", value: 1 }"#, "value"),
        ("{ unit: business_weeks, value: 1 }", "unit"),
        ("{ value: 24 }", "unit"),
        ("{ unit: business_hours, value: 0 }", "value"),
        ("{ unit: business_hours, value: -2 }", "value"),
        ("{ unit: calendar_hours, value: 0 }", "value"),
        ("{ unit: business_hours, value: 0.01 }", "value"),
        ("{ unit: calendar_hours, value: 1.001 }", "value"),
        ("{ unit: business_days, value: 1.5 }", "value"),
        ("{ unit: business_days, value: -1 }", "value"),
        (#"{ unit: business_hours, value: "24" }"#, "value"),
        ("{ unit: business_hours }", "value"),
        ("{ unit: same_business_day }", "cutoff"),
        ("{ unit: same_business_day, cutoff: 14:00 }", "cutoff"),
        (#"{ unit: same_business_day, cutoff: "2pm" }"#, "cutoff"),
    ])
    func invalid(yaml: String, field: String) {
        let error = #expect(throws: ConfigError.self, "\(yaml)") { try Self.decode(yaml) }
        #expect(error?.field == "\(Self.path).\(field)", "\(yaml): \(String(describing: error))")
        #expect(error?.file == "brands/acme.yaml")
        #expect(error?.reason.isEmpty == false)
    }
}
