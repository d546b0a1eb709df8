import Foundation
import TicketQConfig
import TicketQCore

/// The embedded catalog and small helpers to resolve tickets against the real brand policies.
enum BrandCatalog {
    /// The catalog compiled into the binary, loaded once.
    static let embedded: Result<PolicyCatalog, ConfigErrors> = Result { () throws(ConfigErrors) in try PolicyCatalog.embedded() }

    /// The embedded catalog (throws when it does not load).
    static func catalog() throws -> PolicyCatalog {
        try embedded.get()
    }

    /// Resolves a ticket of `brand` received at an RFC 3339 time.
    static func resolve(
        _ brand: String, _ facts: TicketFacts, receivedAt received: String, calendar calendarID: String? = nil
    ) throws -> SLAResolution {
        let catalog = try catalog()
        let policy = try catalog.policy(for: brand)
        let calendar = try calendarID.map { id in try catalog.calendars[id] ?? { throw ConfigTestError("no calendar \(id)") }() }
        return try SLAEngine.resolve(receivedAt: RFC3339.parse(received), policy: policy, facts: facts, calendar: calendar)
    }

    /// An instant written in RFC 3339.
    static func instant(_ text: String) throws -> Instant {
        try RFC3339.parse(text)
    }
}
