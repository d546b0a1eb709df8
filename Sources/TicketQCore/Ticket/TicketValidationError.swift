/// Why a ticket's fields cannot make a ``Ticket``: the field, by its JSON name, and the reason.
public struct TicketValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The field, by its name in ticket JSON, e.g. `id` or `body`.
    public let field: String
    /// What is wrong, e.g. `must not be empty`.
    public let reason: String

    /// Creates an error for a field.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "field \"\(field)\": \(reason)" }
}
