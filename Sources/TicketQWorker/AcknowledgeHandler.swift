import TicketQConfig
import TicketQCore
import TicketQIntake

/// The default handler: renders the brand's acknowledgement reply from its policy templates —
/// the response due in the brand's local wording, a return authorization number for returns,
/// the refund settlement window for refunds — and records it as the ticket's outcome.
public struct AcknowledgeHandler: TicketHandler {
    public let name = "acknowledge"
    public let runsInline = true
    private let catalog: PolicyCatalog
    private let wording = LocalWording()

    /// The wording used when a brand's policy has no `acknowledgement` template.
    public static let defaultTemplate = "Thank you for contacting {brand_name}. We have received your message and will reply by {due}."

    /// Creates the handler over the deployment's policies.
    public init(catalog: PolicyCatalog) {
        self.catalog = catalog
    }

    public func handle(_ ticket: QueuedTicket, attempt: Int) async throws -> HandlerResult {
        try render(ticket)
    }

    /// Renders the reply (synchronous, for inline batches and tests).
    public func render(_ ticket: QueuedTicket) throws -> HandlerResult {
        guard let policy = catalog.brands[ticket.ticket.brand] else {
            throw PermanentHandlerFailure("brand \"\(ticket.ticket.brand)\" is not configured on this worker")
        }
        var parts = [policy.replies["acknowledgement"] ?? Self.defaultTemplate]
        if ticket.urgent, let urgent = policy.replies["urgent"] { parts.append(urgent) }
        if let categoryText = policy.replies[ticket.categoryResolved] { parts.append(categoryText) }
        let due = wording.describe(Instant(secondsSinceEpoch: ticket.dueMillis / 1000), in: policy.calendar)
        let settlement = policy.categories[ticket.categoryResolved]?.refundSettlement
        let reply = parts.joined(separator: " ")
            .replacingPlaceholders([
                "brand_name": policy.brand.prefix(1).uppercased() + policy.brand.dropFirst(),
                "ticket_id": ticket.ticket.id,
                "due": due,
                "order_id": ticket.ticket.orderID ?? "your order",
                "return_authorization": ReturnAuthorization.number(forTicket: ticket.ticket.id),
                "refund_min": settlement.map { String($0.minimumDays) } ?? "5",
                "refund_max": settlement.map { String($0.maximumDays) } ?? "10",
            ])
        return HandlerResult(action: "acknowledged", reply: reply)
    }
}

extension String {
    /// Replaces `{name}` placeholders; unknown names are left as written.
    func replacingPlaceholders(_ values: [String: String]) -> String {
        var result = ""
        result.reserveCapacity(utf8.count + 64)
        var rest = self[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}
