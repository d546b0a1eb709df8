/// Why an email could not become a ticket; such mail goes to the quarantine with this reason.
public struct EmailRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong, for operators (never the message's text).
    public let reason: String
    /// What may be told to whoever sent the message over HTTP: ``reason`` without addresses or
    /// other details of the message.
    public let publicReason: String

    /// Creates a rejection; `publicReason` defaults to `reason`.
    public init(_ reason: String, publicReason: String? = nil) {
        self.reason = reason
        self.publicReason = publicReason ?? reason
    }

    public var description: String { reason }
}
