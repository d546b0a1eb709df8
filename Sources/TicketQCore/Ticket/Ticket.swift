/// A customer message accepted for handling: who it is for, when it arrived, what it says and
/// any triage already known. Values of this type are always valid (see the initializer).
public struct Ticket: Sendable, Hashable {
    /// The ticket id, unique per deployment (see ``TicketID``).
    public let id: String
    /// The brand the message was sent to.
    public let brand: String
    /// When the message was received (R in the SLA specification).
    public let receivedAt: Instant
    /// The subject line, possibly truncated; nil when the message has none.
    public let subject: String?
    /// The message body, possibly truncated; nil when the message has none.
    public let body: String?
    /// The sender's address, as given.
    public let from: String?
    /// The email `Message-ID`, as given.
    public let messageID: String?
    /// The order the message refers to, as given.
    public let orderID: String?
    /// The category, when the sender of the ticket already triaged it.
    public let category: String?
    /// Whether the ticket is urgent, when already triaged.
    public let urgent: Bool?
    /// Whether the ticket is complex, when already triaged.
    public let complex: Bool?
    /// Whether the subject or the body was cut to the text limit.
    public let truncated: Bool

    /// The most UTF-8 bytes in `brand`, `from`, `message_id`, `order_id` and `category`: the
    /// longest line RFC 5322 allows, which no real header value exceeds.
    public static let maximumFieldBytes = 998

    /// Validates the fields and creates a ticket.
    ///
    /// An empty subject or body counts as absent. Text longer than `textLimit` is cut on a
    /// `Character` boundary and the ticket flagged ``truncated``.
    ///
    /// - Parameters:
    ///   - truncated: whether the text was already cut earlier (a ticket read back from a queue).
    ///   - textLimit: the text limit; nil keeps the text as given.
    /// - Throws: ``TicketValidationError`` naming the first field that breaks a rule: the id
    ///   rules, a non-empty brand, at least one non-empty subject or body, and optional fields
    ///   that are non-empty and at most ``maximumFieldBytes`` long when present.
    public init(
        id: String,
        brand: String,
        receivedAt: Instant,
        subject: String?,
        body: String?,
        from: String? = nil,
        messageID: String? = nil,
        orderID: String? = nil,
        category: String? = nil,
        urgent: Bool? = nil,
        complex: Bool? = nil,
        truncated: Bool = false,
        textLimit: TicketTextLimit? = .default
    ) throws(TicketValidationError) {
        try TicketID.validate(id)
        try Ticket.checkField("brand", brand)
        try Ticket.checkOptionalField("from", from)
        try Ticket.checkOptionalField("message_id", messageID)
        try Ticket.checkOptionalField("order_id", orderID)
        try Ticket.checkOptionalField("category", category)
        let subject = subject.flatMap { $0.isEmpty ? nil : $0 }
        let body = body.flatMap { $0.isEmpty ? nil : $0 }
        guard subject != nil || body != nil else {
            throw TicketValidationError(field: "body", reason: "a ticket needs a non-empty subject or body; both are empty or missing")
        }
        var cut = false
        func limited(_ text: String?) -> String? {
            guard let text, let textLimit else { return text }
            let result = textLimit.apply(to: text)
            cut = cut || result.truncated
            return result.text
        }
        self.id = id
        self.brand = brand
        self.receivedAt = receivedAt
        self.subject = limited(subject)
        self.body = limited(body)
        self.from = from
        self.messageID = messageID
        self.orderID = orderID
        self.category = category
        self.urgent = urgent
        self.complex = complex
        self.truncated = truncated || cut
    }

    private static func checkField(_ name: String, _ value: String) throws(TicketValidationError) {
        guard !value.isEmpty else { throw TicketValidationError(field: name, reason: "must not be empty") }
        let size = value.utf8.count
        guard size <= maximumFieldBytes else {
            throw TicketValidationError(field: name, reason: "is \(size) bytes long; at most \(maximumFieldBytes) are allowed")
        }
    }

    private static func checkOptionalField(_ name: String, _ value: String?) throws(TicketValidationError) {
        guard let value else { return }
        guard !value.isEmpty else {
            throw TicketValidationError(field: name, reason: "must not be empty; leave the field out when there is no value")
        }
        try checkField(name, value)
    }
}
