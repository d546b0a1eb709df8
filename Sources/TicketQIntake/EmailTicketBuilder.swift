import TicketQConfig
import TicketQCore
import TicketQMail

/// Turns one raw email into a ticket: parses it, files it under the brand whose support address
/// received it, and takes the received time from the topmost `Received:` hop (else `Date:`, else
/// the time of intake). Shared by `ticketq submit --format eml|mbox`, `ticketq triage` and the
/// HTTP intake.
public struct EmailTicketBuilder: Sendable {
    /// The brand policies (support addresses).
    public let catalog: PolicyCatalog
    /// The text limit of tickets.
    public let textLimit: TicketTextLimit
    /// The parser (size limit).
    public let parser: InboundEmailParser

    /// Creates a builder.
    public init(catalog: PolicyCatalog, textLimit: TicketTextLimit = .default, parser: InboundEmailParser = InboundEmailParser()) {
        self.catalog = catalog
        self.textLimit = textLimit
        self.parser = parser
    }

    /// The ticket and the parsed email.
    /// - Throws: ``EmailRejection`` naming why the message cannot be a ticket.
    public func ticket(from raw: [UInt8], now: Instant) throws(EmailRejection) -> (ticket: Ticket, email: InboundEmail) {
        let email: InboundEmail
        do {
            email = try parser.parse(raw)
        } catch {
            throw EmailRejection(error.description)
        }
        guard let policy = catalog.brand(forRecipients: email.recipients) else {
            let known = catalog.brands.values.flatMap(\.supportAddresses).sorted().joined(separator: ", ")
            throw EmailRejection(
                "no recipient is a support address (recipients: \(email.recipients.isEmpty ? "none" : email.recipients.joined(separator: ", ")); support addresses: \(known))",
                publicReason: "no recipient is a support address of any brand"
            )
        }
        do {
            let ticket = try Ticket(
                id: email.ticketID, brand: policy.brand, receivedAt: email.receivedAt ?? now,
                subject: email.subject, body: email.text.isEmpty ? nil : email.text,
                from: email.from.map { Self.fitting($0) }, messageID: email.messageID.map { Self.fitting($0) },
                orderID: email.orderID, textLimit: textLimit
            )
            return (ticket, email)
        } catch {
            throw EmailRejection("the message cannot be a ticket: \(error)")
        }
    }

    /// A header value cut to the longest field a ticket keeps.
    private static func fitting(_ value: String) -> String {
        guard value.utf8.count > Ticket.maximumFieldBytes else { return value }
        var cut = ""
        for character in value {
            if cut.utf8.count + character.utf8.count > Ticket.maximumFieldBytes { break }
            cut.append(character)
        }
        return cut
    }
}
