import TicketQCore

/// One flip of a brand's high-volume switch: from `instant` on, the switch is `isOn`.
public struct HighVolumeChange: Sendable, Hashable {
    /// When the change took effect.
    public let instant: Instant
    /// The switch's state from then on.
    public let isOn: Bool

    /// Creates a change.
    public init(instant: Instant, isOn: Bool) {
        self.instant = instant
        self.isOn = isOn
    }
}
