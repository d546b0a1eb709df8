import TicketQHTTP
import TicketQIntake

/// What the CPU work of one `POST /inbound/email` came to: a ticket to submit, a message to
/// quarantine with why, or an answer for a request that holds no message.
enum EmailPreparation: Sendable {
    /// The message became a triaged ticket.
    case ticket(PreparedTicket, raw: [UInt8])
    /// The message cannot become a ticket; it is kept in the quarantine.
    case quarantine(raw: [UInt8], rejection: EmailRejection)
    /// The request held no usable message (e.g. a form without a MIME field): answered as is.
    case answer(HTTPResponse)
}
