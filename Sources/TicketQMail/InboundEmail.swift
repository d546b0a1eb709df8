import TicketQCore

/// What intake keeps of one customer email.
public struct InboundEmail: Sendable, Hashable {
    /// The `Message-ID` exactly as written in the header (angle brackets included), if any.
    public let messageID: String?
    /// A stable ticket id: a hash of the Message-ID, or of the raw message when it has none.
    public let ticketID: String
    /// The sender's address (`From:`), decoded.
    public let from: String?
    /// Every recipient address (`To`, `Cc`, `Delivered-To`, `X-Original-To`), lowercased.
    public let recipients: [String]
    /// The subject, encoded words decoded.
    public let subject: String?
    /// Only the customer's new text: quoted history, signature, footers and disclaimers removed.
    public let text: String
    /// When the topmost `Received:` hop got it, else the `Date:` header.
    public let receivedAt: Instant?
    /// The `In-Reply-To` message id, if any.
    public let inReplyTo: String?
    /// The `References` message ids, oldest first.
    public let references: [String]
    /// An order number found in the subject or text.
    public let orderID: String?
    /// Attachments noted and dropped.
    public let attachments: [AttachmentNote]
    /// Whether a part declared a charset this parser does not know (the text is a best guess).
    public let charsetFallback: Bool
    /// What was wrong with the message and recovered from, each once, in the order found (empty
    /// for well-formed mail). Their raw values are stable names for outcome records.
    public let defects: [MIMEDefect]
}
