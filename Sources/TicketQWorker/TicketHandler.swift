import TicketQWire

/// What a worker does with a ticket: ticketq's extension point.
///
/// A handler returns what it did, or throws to have the delivery retried (with backoff, up to
/// the delivery limit, then dead-lettered). Handlers must be idempotent per ticket id: a ticket
/// can be delivered more than once (after a crash or a lost lease), though only one outcome is
/// ever accepted.
public protocol TicketHandler: Sendable {
    /// The handler's name, recorded with each outcome's action.
    var name: String { get }
    /// True when ``handle(_:attempt:)`` never suspends for long (no I/O, no sleeping): the
    /// worker then runs a claimed batch inline instead of one task per ticket.
    var runsInline: Bool { get }
    /// Handles one delivery of a ticket.
    func handle(_ ticket: QueuedTicket, attempt: Int) async throws -> HandlerResult
}

/// What a handler did with a ticket.
public struct HandlerResult: Sendable, Hashable {
    /// A short machine-readable action, e.g. `acknowledged`.
    public var action: String
    /// The reply text sent or drafted, if any.
    public var reply: String?

    /// Creates a result.
    public init(action: String, reply: String? = nil) {
        self.action = action
        self.reply = reply
    }
}

/// A handler failure that retrying cannot fix: the ticket is dead-lettered at once.
public struct PermanentHandlerFailure: Error, Sendable, CustomStringConvertible {
    /// Why.
    public let reason: String

    /// Creates a permanent failure.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
