/// Why an email could not become a ticket; such mail goes to the quarantine with this reason.
public struct EmailRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, for operators (never the message's text).
    public let reason: String

    /// Creates a rejection.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
