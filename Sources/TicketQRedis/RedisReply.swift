/// A RESP2 reply.
///
/// Error replies inside pipelines and arrays stay in place as ``error(_:)``; a single command sent with one of
/// the `RedisConnection.command` methods throws them as ``RedisError/server(_:)`` instead.
public enum RedisReply: Sendable, Hashable {
    /// A simple string such as `OK` or `PONG`.
    case status(String)
    /// An error reply.
    case error(RedisServerError)
    /// An integer reply.
    case integer(Int64)
    /// A bulk string, binary safe.
    case bulkString([UInt8])
    /// The nil bulk string or nil array (a missing key, a timed-out blocking pop).
    case null
    /// An array of replies.
    case array([RedisReply])

    /// The value of an integer reply, or of a bulk string holding a decimal integer.
    public var int: Int64? {
        switch self {
        case .integer(let value): return value
        case .bulkString(let bytes): return String(validating: bytes, as: UTF8.self).flatMap { Int64($0) }
        default: return nil
        }
    }

    /// The text of a status reply or of a bulk string that is valid UTF-8.
    public var string: String? {
        switch self {
        case .status(let text): return text
        case .bulkString(let bytes): return String(validating: bytes, as: UTF8.self)
        default: return nil
        }
    }

    /// The bytes of a bulk string (or of a status reply).
    public var bytes: [UInt8]? {
        switch self {
        case .bulkString(let bytes): return bytes
        case .status(let text): return Array(text.utf8)
        default: return nil
        }
    }

    /// The elements of an array reply.
    public var array: [RedisReply]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// Whether this is the nil reply.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The server error carried by an error reply.
    public var serverError: RedisServerError? {
        if case .error(let error) = self { return error }
        return nil
    }

    /// Returns the reply unchanged, or throws ``RedisError/server(_:)`` for an error reply.
    @discardableResult
    public func checked() throws(RedisError) -> RedisReply {
        if case .error(let error) = self { throw .server(error) }
        return self
    }
}
