import TicketQConfig
import TicketQCore
import TicketQTriage

/// Resolves each ticket's policy and SLA at intake: lane, due instants and when a lower-tier
/// ticket is promoted into the same-business-day lane.
///
/// Triage fields given on the ticket are used as they are. A ticket without a category takes
/// triage's decision when there is one (its category, and its urgency and complexity unless the
/// ticket gave them), else the brand's default category.
public struct IntakePlanner: Sendable {
    /// The brand policies and calendars.
    public let catalog: PolicyCatalog
    /// Every brand's high-volume switch over time.
    public var highVolume: HighVolumeSchedule
    /// When set, lower-tier tickets are promoted no later than this long before their due time,
    /// even when that is before their due day opens.
    public var promotionHorizon: Duration?

    /// Creates a planner.
    public init(catalog: PolicyCatalog, highVolume: HighVolumeSchedule = HighVolumeSchedule(), promotionHorizon: Duration? = nil) {
        self.catalog = catalog
        self.highVolume = highVolume
        self.promotionHorizon = promotionHorizon
    }

    /// Plans one ticket.
    ///
    /// - Parameter now: the planning time, only to tell whether the receipt lies in the future
    ///   and as the promotion time of a ticket that is due before any business day opens.
    /// - Throws: ``TicketRejection`` on `brand` for a brand without a policy or whose high-volume
    ///   history could not be read, and on `received_at` when the due computation leaves the
    ///   calendar's coverage.
    public func plan(_ ticket: Ticket, now: Instant, triage: TriageDecision? = nil) throws(TicketRejection) -> IntakePlan {
        guard let policy = catalog.brands[ticket.brand] else {
            throw TicketRejection(
                field: "brand",
                reason: "unknown brand \"\(ticket.brand)\"; configured brands: \(catalog.brands.keys.sorted().joined(separator: ", "))"
            )
        }
        if let problem = highVolume.unreadableReason(brand: ticket.brand) {
            throw TicketRejection(
                field: "brand",
                reason: "the SLA of brand \"\(ticket.brand)\" cannot be planned: its high-volume switch is unknown (\(problem))"
            )
        }
        let highVolumeMode = highVolume.isOn(brand: ticket.brand, at: ticket.receivedAt)
        let triage = ticket.category == nil ? triage : nil
        let complex = ticket.complex ?? triage?.complex ?? false
        let facts = TicketFacts(
            category: ticket.category ?? triage?.category,
            urgent: (ticket.urgent ?? false) || (triage?.urgent ?? false),
            complex: complex,
            highVolumeMode: highVolumeMode
        )
        let resolution: SLAResolution
        do {
            resolution = try SLAEngine.resolve(receivedAt: ticket.receivedAt, policy: policy, facts: facts)
        } catch {
            switch error {
            case let .calendarCoverageExceeded(_, from, through):
                throw TicketRejection(
                    field: "received_at",
                    reason: "\(ticket.receivedAt) is too close to or outside the coverage of calendar \(policy.calendar.id) (\(from) … \(through)) to compute the due time"
                )
            }
        }
        // Policy resolution always sets lane, category and urgency.
        let lane = resolution.lane ?? .standard
        let promoteAt: Instant?
        if lane == .sameBusinessDay {
            promoteAt = nil
        } else {
            let receivedOrNow = min(ticket.receivedAt, now)
            var instant = policy.calendar.sameDayPromotionInstant(forDue: resolution.due) ?? receivedOrNow
            if let promotionHorizon {
                instant = min(instant, resolution.due.adding(seconds: -Self.wholeSecondsRoundingUp(promotionHorizon)))
            }
            promoteAt = instant
        }
        return IntakePlan(
            resolution: resolution,
            lane: lane,
            categoryResolved: resolution.categoryResolved ?? policy.defaultCategory,
            urgent: resolution.urgent ?? false,
            complex: complex,
            highVolumeMode: highVolumeMode,
            promoteAt: promoteAt,
            receivedInFuture: ticket.receivedAt > now
        )
    }

    private static func wholeSecondsRoundingUp(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return attoseconds > 0 ? seconds + 1 : seconds
    }
}
