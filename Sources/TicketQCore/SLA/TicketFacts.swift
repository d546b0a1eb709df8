/// What policy resolution needs to know about a ticket (spec §6 inputs).
public struct TicketFacts: Sendable, Hashable {
    /// The classifier's category, if any; unknown or missing categories fall back to the default.
    public var category: String?
    /// Triage flagged the ticket urgent.
    public var urgent: Bool
    /// Triage flagged the ticket complex.
    public var complex: Bool
    /// The brand's high-volume switch at the receipt time.
    public var highVolumeMode: Bool

    /// Creates ticket facts.
    public init(category: String? = nil, urgent: Bool = false, complex: Bool = false, highVolumeMode: Bool = false) {
        self.category = category
        self.urgent = urgent
        self.complex = complex
        self.highVolumeMode = highVolumeMode
    }
}
