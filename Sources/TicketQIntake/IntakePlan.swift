import TicketQCore

/// Where and by when one ticket must be handled: the outcome of intake's SLA planning.
public struct IntakePlan: Sendable, Hashable {
    /// The SLA engine's full record (targets, fallback, versions).
    public let resolution: SLAResolution
    /// The intake lane; promotion later moves the ticket but never changes this.
    public let lane: Lane
    /// The category the SLA was resolved with (the brand's default when none was given or the
    /// given one is not the brand's).
    public let categoryResolved: String
    /// Whether the ticket was handled as urgent (given, or an urgent category).
    public let urgent: Bool
    /// Whether the ticket was taken as complex.
    public let complex: Bool
    /// The brand's high-volume switch at the receipt time.
    public let highVolumeMode: Bool
    /// When a lower-tier ticket (`extended`, `standard`) moves into the same-business-day lane;
    /// nil for a ticket already in that lane.
    public let promoteAt: Instant?
    /// Whether `received_at` lies after the planning time.
    public let receivedInFuture: Bool

    /// The response due instant.
    public var due: Instant { resolution.due }
    /// The resolution due instant, when the lane or the category promises one.
    public var resolutionDue: Instant? { resolution.resolutionDue }
    /// The effective receipt: the receipt moved to the next business time.
    public var effectiveReceipt: Instant { resolution.effectiveReceipt }
    /// The version of the brand policy used.
    public var policyVersion: String { resolution.policyVersion ?? "" }
    /// The version of the calendar used.
    public var calendarVersion: String { resolution.calendarVersion }
    /// Whether a given category was unknown to the brand and replaced by the default.
    public var categoryFellBack: Bool { resolution.categoryFellBack }

    /// Creates a plan.
    public init(
        resolution: SLAResolution,
        lane: Lane,
        categoryResolved: String,
        urgent: Bool,
        complex: Bool,
        highVolumeMode: Bool,
        promoteAt: Instant?,
        receivedInFuture: Bool
    ) {
        self.resolution = resolution
        self.lane = lane
        self.categoryResolved = categoryResolved
        self.urgent = urgent
        self.complex = complex
        self.highVolumeMode = highVolumeMode
        self.promoteAt = promoteAt
        self.receivedInFuture = receivedInFuture
    }
}
