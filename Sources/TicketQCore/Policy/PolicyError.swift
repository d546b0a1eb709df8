/// A brand policy that is inconsistent and must be rejected at load.
public struct PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending field, e.g. `urgent_categories[2]`.
    public let field: String
    /// Why it is rejected.
    public let reason: String

    /// Creates an error for a field.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
