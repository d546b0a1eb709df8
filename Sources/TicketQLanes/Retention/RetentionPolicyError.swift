/// Why a retention policy read from Redis cannot be used.
public enum RetentionPolicyError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field the schema requires is absent.
    case missingField(String)
    /// A field's value is not a positive whole number.
    case malformedField(String, String)
    /// The policy was written by a newer release with a schema this one does not know.
    case newerSchema(Int)

    public var description: String {
        switch self {
        case let .missingField(field):
            return "the retention policy has no \"\(field)\" field"
        case let .malformedField(field, value):
            return "the retention policy's \"\(field)\" field is not a positive whole number: \"\(value.prefix(80))\""
        case let .newerSchema(schema):
            return "the retention policy has schema \(schema), newer than this release knows (\(RetentionPolicy.currentSchema)): upgrade ticketq"
        }
    }
}
