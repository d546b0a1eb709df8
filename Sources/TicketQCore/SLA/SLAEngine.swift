/// Policy resolution and due-date computation (spec §6): pure functions of a receipt time,
/// a brand policy, the ticket's triage facts and a calendar.
public enum SLAEngine {
    /// Resolves a ticket's category, urgency, lane and targets, and computes its due instants.
    ///
    /// - Parameters:
    ///   - receipt: R, when our intake received the message.
    ///   - policy: the brand's policy.
    ///   - facts: the ticket's category and flags.
    ///   - calendar: a calendar that replaces the brand's own (nil: the brand's).
    /// - Throws: ``SLAError`` when a computation leaves the calendar's coverage.
    public static func resolve(
        receivedAt receipt: Instant,
        policy: BrandPolicy,
        facts: TicketFacts,
        calendar: BusinessCalendar? = nil
    ) throws(SLAError) -> SLAResolution {
        let calendar = calendar ?? policy.calendar
        var category = policy.defaultCategory
        var fellBack = false
        if let requested = facts.category {
            if policy.categories[requested] != nil { category = requested } else { fellBack = true }
        }
        let urgent = facts.urgent || policy.urgentCategories.contains(category)
        let lane: Lane
        if urgent {
            lane = .sameBusinessDay
        } else if let extended = policy.lanes[.extended],
                  (facts.complex && extended.triggers.contains(.complex))
                    || (facts.highVolumeMode && extended.triggers.contains(.highVolumeMode)) {
            lane = .extended
        } else {
            lane = .standard
        }
        // Lanes standard and same_business_day always exist (checked when the policy is built);
        // extended is chosen only when present.
        let lanePolicy = policy.lanes[lane] ?? policy.standardLane
        let resolutionTarget = policy.categories[category]?.resolution ?? lanePolicy.resolution
        let response = try calendar.due(for: lanePolicy.response, receivedAt: receipt)
        let resolutionDue = try resolutionTarget.map { target throws(SLAError) in try calendar.due(for: target, receivedAt: receipt).due }
        return SLAResolution(
            categoryResolved: category,
            urgent: urgent,
            lane: lane,
            categoryFellBack: fellBack,
            responseTarget: lanePolicy.response,
            effectiveReceipt: response.effectiveReceipt,
            due: response.due,
            resolutionTarget: resolutionTarget,
            resolutionDue: resolutionDue,
            policyVersion: policy.version,
            calendarVersion: calendar.version
        )
    }

    /// Computes due instants for an explicit rule that replaces policy resolution.
    public static func resolve(
        receivedAt receipt: Instant,
        response: SLATarget,
        resolution: SLATarget?,
        calendar: BusinessCalendar,
        policyVersion: String? = nil
    ) throws(SLAError) -> SLAResolution {
        let responseDue = try calendar.due(for: response, receivedAt: receipt)
        let resolutionDue = try resolution.map { target throws(SLAError) in try calendar.due(for: target, receivedAt: receipt).due }
        return SLAResolution(
            categoryResolved: nil,
            urgent: nil,
            lane: nil,
            categoryFellBack: false,
            responseTarget: response,
            effectiveReceipt: responseDue.effectiveReceipt,
            due: responseDue.due,
            resolutionTarget: resolution,
            resolutionDue: resolutionDue,
            policyVersion: policyVersion,
            calendarVersion: calendar.version
        )
    }
}
