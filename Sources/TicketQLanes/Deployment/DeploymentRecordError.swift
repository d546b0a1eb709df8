/// Why a deployment marker read from Redis cannot be used.
public enum DeploymentRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A field the schema requires is absent.
    case missingField(String)
    /// A field's value has the wrong form.
    case malformedField(String, String)
    /// The marker was written by a newer release with a schema this one does not know.
    case newerSchema(Int)

    public var description: String {
        switch self {
        case let .missingField(field):
            return "the deployment marker has no \"\(field)\" field"
        case let .malformedField(field, value):
            return "the deployment marker's \"\(field)\" field is malformed: \"\(value.prefix(80))\""
        case let .newerSchema(schema):
            return "the deployment marker has schema \(schema), newer than this release knows (\(DeploymentRecord.currentSchema)): upgrade ticketq"
        }
    }
}
