/// The result of SLA resolution for one ticket: the spec §6 record.
public struct SLAResolution: Sendable, Hashable {
    /// The category after fallback; nil when an explicit rule replaced policy resolution.
    public let categoryResolved: String?
    /// Whether the ticket is urgent; nil for an explicit rule.
    public let urgent: Bool?
    /// The lane; nil for an explicit rule (written as `"explicit"`).
    public let lane: Lane?
    /// Whether the ticket's category was unknown to the brand and fell back to the default.
    public let categoryFellBack: Bool
    /// The response target.
    public let responseTarget: SLATarget
    /// The effective receipt E.
    public let effectiveReceipt: Instant
    /// The response due instant.
    public let due: Instant
    /// The resolution target, when there is one.
    public let resolutionTarget: SLATarget?
    /// The resolution due instant, when there is a resolution target.
    public let resolutionDue: Instant?
    /// The policy version used (nil for an explicit rule).
    public let policyVersion: String?
    /// The calendar version used.
    public let calendarVersion: String

    /// The lane's name as written in records: the lane's raw value or `explicit`.
    public var laneName: String { lane?.rawValue ?? "explicit" }
}
