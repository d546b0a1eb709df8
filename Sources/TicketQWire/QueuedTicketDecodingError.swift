/// Why a queue payload cannot be read back into a ``QueuedTicket``. Workers dead-letter such a
/// ticket at once, with this error's description as the reason.
public enum QueuedTicketDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The bytes are not one JSON value (truncated or corrupted); the parser's reason and column.
    case notJSON(String)
    /// The JSON value is not an object.
    case notAnObject(found: String)
    /// The payload was written in a schema version this build does not read.
    case unsupportedVersion(Int64)
    /// A required key is absent (or null).
    case missingField(String)
    /// A key holds a value of the wrong JSON type.
    case wrongType(field: String, expected: String, found: String)
    /// A key this version of the payload does not have.
    case unknownField(String)
    /// A value of the right type that breaks a rule (a bad id, an unknown lane code, …).
    case invalidValue(field: String, reason: String)

    /// The reason, as workers record it when they dead-letter the ticket.
    public var description: String {
        switch self {
        case let .notJSON(reason):
            return "undecodable ticket payload: not valid JSON: \(reason)"
        case let .notAnObject(found):
            return "undecodable ticket payload: expected a JSON object, found \(found)"
        case let .unsupportedVersion(version):
            return "undecodable ticket payload: version \(version) is not supported (this build reads versions \(QueuedTicket.readableVersions.lowerBound) to \(QueuedTicket.readableVersions.upperBound))"
        case let .missingField(field):
            return "undecodable ticket payload: required field \(Self.name(field)) is missing"
        case let .wrongType(field, expected, found):
            return "undecodable ticket payload: field \(Self.name(field)) must be \(expected), found \(found)"
        case let .unknownField(field):
            return "undecodable ticket payload: unknown field \(Self.name(field))"
        case let .invalidValue(field, reason):
            return "undecodable ticket payload: field \(Self.name(field)) \(reason)"
        }
    }

    private static func name(_ key: String) -> String {
        let shown = key.count > 32 ? String(key.prefix(32)) + "…" : key
        if let meaning = PayloadKey(rawValue: key)?.meaning { return "\"\(shown)\" (\(meaning))" }
        return "\"\(shown)\""
    }
}
