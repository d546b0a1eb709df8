import Foundation
import TicketQConfig

/// Valid configuration documents that the validation tests break one field at a time.
enum ConfigFixtures {
    static let calendarYAML = """
        id: test-calendar
        version: 7
        time_zone: America/New_York
        weekly_hours:
          mon: [["09:00", "17:00"]]
          tue: [["09:00", "17:00"]]
          wed: [["09:00", "17:00"]]
          thu: [["09:00", "17:00"]]
          fri: [["09:00", "17:00"]]
          sat: []
          sun: []
        holidays:
          - { date: "2024-11-28", name: "Thanksgiving Day" }
        coverage: { from: "2024-01-01", through: "2024-12-31" }
        """

    static let policyYAML = """
        brand: acme
        version: "2024.2"
        calendar: pandorana-us-ny
        default_category: general
        urgent_categories: [order_modification]
        lanes:
          standard:
            response: { unit: business_hours, value: 24 }
          extended:
            response: { unit: business_hours, value: 48 }
            triggers: [complex]
          same_business_day:
            response: { unit: same_business_day, cutoff: "14:00" }
            resolution: { unit: business_days, value: 1 }
        categories:
          general: {}
          order_modification: {}
          complaint:
            resolution: { unit: business_days, value: 3 }
        """

    /// `text` with `old` replaced by `new`; throws when `old` is absent, so a fixture edit that
    /// no longer applies fails loudly instead of testing the valid document.
    static func replacing(_ old: String, with new: String, in text: String) throws -> String {
        guard text.contains(old) else { throw ConfigTestError("fixture does not contain \(old)") }
        return text.replacingOccurrences(of: old, with: new)
    }
}
