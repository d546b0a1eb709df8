import TicketQCore

/// Why intake refused a ticket: the input line when known, the field and the reason.
///
/// The description is one sentence for the person who submitted the ticket, e.g.
/// `line 3: field "brand": unknown brand "acme"; configured brands: mejurn, pandorana`.
/// Reasons never quote a subject, a body or a sender address.
public struct TicketRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// The 1-based input line, when the ticket came from a JSON Lines stream.
    public var line: Int?
    /// The field by its JSON name; empty when the whole line is wrong (not JSON, not an object).
    public var field: String
    /// What is wrong.
    public var reason: String

    /// Creates a rejection.
    public init(line: Int? = nil, field: String, reason: String) {
        self.line = line
        self.field = field
        self.reason = reason
    }

    /// Creates a rejection from a field validation error.
    public init(line: Int? = nil, _ error: TicketValidationError) {
        self.init(line: line, field: error.field, reason: error.reason)
    }

    /// The same rejection attributed to `line`.
    public func at(line: Int?) -> TicketRejection {
        var copy = self
        copy.line = line
        return copy
    }

    public var description: String {
        var text = ""
        if let line { text += "line \(line): " }
        if !field.isEmpty { text += "field \"\(field)\": " }
        return text + reason
    }
}
