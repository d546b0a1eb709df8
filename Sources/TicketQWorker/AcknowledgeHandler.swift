import TicketQConfig
import TicketQCore
import TicketQWire

/// The default handler: renders the brand's acknowledgement reply from its policy templates —
/// the response due in the brand's local wording, a return authorization number for returns,
/// the refund settlement window for refunds — and records it as the ticket's outcome.
public struct AcknowledgeHandler: TicketHandler {
    public let name = "acknowledge"
    public let runsInline = true
    private let catalog: PolicyCatalog
    private let wording = LocalWording()
    /// Each brand's templates, parsed once: acknowledgement, urgent addition, per-category additions.
    private let templates: [String: BrandTemplates]

    /// The wording used when a brand's policy has no `acknowledgement` template.
    public static let defaultTemplate = "Thank you for contacting {brand_name}. We have received your message and will reply by {due}."

    private struct BrandTemplates: Sendable {
        let displayName: String
        let acknowledgement: ReplyTemplate
        let urgent: ReplyTemplate?
        let categories: [String: ReplyTemplate]
    }

    /// Creates the handler over the deployment's policies.
    public init(catalog: PolicyCatalog) {
        self.catalog = catalog
        var templates: [String: BrandTemplates] = [:]
        for (brand, policy) in catalog.brands {
            var categories: [String: ReplyTemplate] = [:]
            for (key, text) in policy.replies where key != "acknowledgement" && key != "urgent" {
                categories[key] = ReplyTemplate(text)
            }
            templates[brand] = BrandTemplates(
                displayName: brand.prefix(1).uppercased() + brand.dropFirst(),
                acknowledgement: ReplyTemplate(policy.replies["acknowledgement"] ?? Self.defaultTemplate),
                urgent: policy.replies["urgent"].map(ReplyTemplate.init),
                categories: categories
            )
        }
        self.templates = templates
    }

    public func handle(_ ticket: QueuedTicket, attempt: Int) async throws -> HandlerResult {
        try render(ticket)
    }

    /// Renders the reply (synchronous, for inline batches and tests).
    public func render(_ ticket: QueuedTicket) throws -> HandlerResult {
        guard let policy = catalog.brands[ticket.ticket.brand], let brandTemplates = templates[ticket.ticket.brand] else {
            throw PermanentHandlerFailure("brand \"\(ticket.ticket.brand)\" is not configured on this worker")
        }
        let settlement = policy.categories[ticket.categoryResolved]?.refundSettlement
        let value: (String) -> String? = { name in
            switch name {
            case "brand_name": return brandTemplates.displayName
            case "ticket_id": return ticket.ticket.id
            case "due": return wording.describe(Instant(secondsSinceEpoch: ticket.dueMillis / 1000), in: policy.calendar)
            case "order_id": return ticket.ticket.orderID ?? "your order"
            case "return_authorization": return ReturnAuthorization.number(forTicket: ticket.ticket.id)
            case "refund_min": return settlement.map { String($0.minimumDays) } ?? "5"
            case "refund_max": return settlement.map { String($0.maximumDays) } ?? "10"
            default: return nil
            }
        }
        var reply = ""
        reply.reserveCapacity(320)
        brandTemplates.acknowledgement.render(into: &reply, value)
        if ticket.urgent, let urgent = brandTemplates.urgent {
            reply += " "
            urgent.render(into: &reply, value)
        }
        if let category = brandTemplates.categories[ticket.categoryResolved] {
            reply += " "
            category.render(into: &reply, value)
        }
        return HandlerResult(action: "acknowledged", reply: reply)
    }
}
