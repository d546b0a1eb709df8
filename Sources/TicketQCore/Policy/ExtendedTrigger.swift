/// A condition that moves a non-urgent ticket into the `extended` lane.
public enum ExtendedTrigger: String, Sendable, Hashable, CaseIterable {
    /// Triage flagged the ticket as complex (several requests, investigation needed).
    case complex
    /// The brand's high-volume switch was on at the ticket's receipt time.
    case highVolumeMode = "high_volume_mode"
}
