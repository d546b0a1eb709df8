import TicketQConfig
import TicketQCore
import TicketQTriage

/// Decodes and triages tickets without touching Redis: the CPU work of an HTTP submit, done on a
/// worker thread before the ticket joins a ``SubmitCoalescer`` batch.
public struct TicketPreparer: Sendable {
    private let catalog: PolicyCatalog
    private let decoder: TicketDecoder
    private let triager: TicketTriager?
    private let extractors: ExtractorPool?

    /// Creates a preparer; without a triager, tickets without a category take the brand's default.
    public init(catalog: PolicyCatalog, textLimit: TicketTextLimit = .default, triager: TicketTriager?) {
        self.catalog = catalog
        decoder = TicketDecoder(catalog: catalog, textLimit: textLimit)
        self.triager = triager
        extractors = triager.map(ExtractorPool.init)
    }

    /// Decodes JSON Lines `body` (blank lines skipped) and triages each ticket without a category.
    /// - Returns: the usable tickets, and each bad line with its number and reason.
    public func prepare(lines body: [UInt8]) -> (tickets: [PreparedTicket], rejected: [TicketRejection]) {
        var tickets: [PreparedTicket] = []
        var rejected: [TicketRejection] = []
        var number = 0
        for line in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            number += 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            do {
                let ticket = try decoder.decode(line, lineNumber: number)
                tickets.append(PreparedTicket(ticket: ticket, decision: triage(ticket), number: number))
            } catch {
                rejected.append(error)
            }
        }
        return (tickets, rejected)
    }

    /// Triages one decoded ticket (e.g. from an email, with what its parser recovered from) as
    /// input line `number`.
    public func prepare(_ ticket: Ticket, number: Int = 1, mimeDefects: [String] = []) -> PreparedTicket {
        PreparedTicket(ticket: ticket, decision: triage(ticket), number: number, mimeDefects: mimeDefects)
    }

    private func triage(_ ticket: Ticket) -> TriageDecision? {
        guard ticket.category == nil, let triager, let extractors else { return nil }
        return extractors.withExtractor { extractor in
            triager.triage(subject: ticket.subject, body: ticket.body, policy: catalog.brands[ticket.brand], using: &extractor)
        }
    }
}
