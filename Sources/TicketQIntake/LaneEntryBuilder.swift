import TicketQConfig
import TicketQCore
import TicketQLanes
import TicketQTriage
import TicketQWire

/// Turns a decoded ticket into the entry its lane stores: triage when the ticket carries no
/// category, the SLA plan and the queue payload. Shared by every intake path, so that a ticket
/// submitted from a file, an email, the HTTP intake or the load harness is planned the same way.
public struct LaneEntryBuilder {
    /// What the builder made of one ticket.
    public struct Built: Sendable {
        /// The entry to enqueue.
        public let entry: LaneEntry
        /// The SLA plan behind it.
        public let plan: IntakePlan
        /// Whether triage asked for a person to review the category.
        public let needsReview: Bool
    }

    private let catalog: PolicyCatalog
    private let planner: IntakePlanner
    private let triager: TicketTriager?
    private var extractor: FeatureExtractor?

    /// Creates a builder; without a triager, tickets without a category take the brand's default.
    public init(catalog: PolicyCatalog, highVolume: HighVolumeSchedule, triager: TicketTriager? = nil) {
        self.catalog = catalog
        planner = IntakePlanner(catalog: catalog, highVolume: highVolume)
        self.triager = triager
        extractor = triager?.makeExtractor()
    }

    /// Triage's decision for a ticket that carries no category; nil when it carries one or
    /// there is no triager.
    public mutating func triage(_ ticket: Ticket) -> TriageDecision? {
        guard ticket.category == nil, let triager, extractor != nil else { return nil }
        return triager.triage(subject: ticket.subject, body: ticket.body, policy: catalog.brands[ticket.brand], using: &extractor!)
    }

    /// Plans `ticket` as received by intake at `now` and encodes its lane entry.
    ///
    /// - Parameters:
    ///   - decision: triage's decision, from ``triage(_:)``.
    ///   - enqueuedMillis: the enqueue time written into the payload (milliseconds since the epoch).
    ///   - mimeDefects: what the email parser recovered from, for a ticket made from an email.
    public func build(
        _ ticket: Ticket, decision: TriageDecision?, now: Instant, enqueuedMillis: Int64, mimeDefects: [String] = []
    ) throws(TicketRejection) -> Built {
        let plan = try planner.plan(ticket, now: now, triage: decision)
        let queued = QueuedTicket(
            ticket: ticket, plan: plan, enqueuedAtMillis: enqueuedMillis,
            triageModelVersion: decision?.modelVersion, needsReview: decision?.needsReview ?? false, mimeDefects: mimeDefects
        )
        let entry = LaneEntry(
            id: ticket.id, lane: plan.lane, dueMillis: plan.due.secondsSinceEpoch * 1000,
            promoteAtMillis: plan.promoteAt.map { $0.secondsSinceEpoch * 1000 },
            enqueuedMillis: enqueuedMillis, contentDigest: ticket.contentDigest, payload: queued.encode()
        )
        return Built(entry: entry, plan: plan, needsReview: decision?.needsReview ?? false)
    }
}
