import TicketQConfig
import TicketQCore

/// Shared inputs for intake tests.
enum TicketFixtures {
    /// The policies shipped in the binary (Pandorana and Mejurn).
    static func catalog() throws -> PolicyCatalog {
        try PolicyCatalog.embedded()
    }

    /// An instant from RFC 3339 text.
    static func instant(_ text: String) throws -> Instant {
        try RFC3339.parse(text)
    }

    /// A valid ticket with the given receipt and triage fields.
    static func ticket(
        id: String = "T-1",
        brand: String = "pandorana",
        received: String = "2024-01-17T10:00:00-05:00",
        category: String? = nil,
        urgent: Bool? = nil,
        complex: Bool? = nil
    ) throws -> Ticket {
        try Ticket(
            id: id, brand: brand, receivedAt: try instant(received), subject: "Question", body: "Hello",
            category: category, urgent: urgent, complex: complex
        )
    }

    /// A valid Pandorana ticket line, with extra fields (JSON text starting with a comma) appended.
    static func validLine(extra: String = "") -> [UInt8] {
        Array((#"{"id":"T-1","brand":"pandorana","received_at":"2024-03-13T10:00:00-04:00","subject":"Where is my order?","body":"Hello"\#(extra)}"#).utf8)
    }
}
