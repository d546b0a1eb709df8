/// An error reply sent by the server, such as `WRONGTYPE …`, `OOM …`, `READONLY …` or `NOSCRIPT …`.
public struct RedisServerError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The full message, for example `OOM command not allowed when used memory > 'maxmemory'.`
    public let message: String

    /// Creates an error from the message of a `-` reply.
    public init(message: String) {
        self.message = message
    }

    /// The first word of the message (`ERR`, `WRONGTYPE`, `OOM`, `READONLY`, `NOSCRIPT`, `NOAUTH`, …).
    public var code: String {
        String(message.prefix { $0 != " " })
    }

    /// The server refused a write because `maxmemory` is reached (`OOM`).
    public var isOutOfMemory: Bool { code == "OOM" }
    /// The server is a read-only replica (`READONLY`).
    public var isReadOnly: Bool { code == "READONLY" }
    /// `EVALSHA` named a script the server does not have (`NOSCRIPT`).
    public var isNoScript: Bool { code == "NOSCRIPT" }
    /// The operation was against a key holding the wrong kind of value (`WRONGTYPE`).
    public var isWrongType: Bool { code == "WRONGTYPE" }
    /// The server is still loading its dataset (`LOADING`).
    public var isLoading: Bool { code == "LOADING" }

    /// The server's message.
    public var description: String { message }
}
