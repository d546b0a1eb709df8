/// A calendar that breaks one of the rules of spec §2 and must be rejected at load.
public struct CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The offending field, as a path such as `weekly_hours.mon[1]` or `time_zone`.
    public let field: String
    /// Why the field is rejected.
    public let reason: String

    /// Creates an error for a field.
    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
