/// Why a Redis URL could not be parsed. Every case names the offending part so the message can be shown as is.
public enum RedisURLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text has no `scheme://` prefix.
    case missingScheme(String)
    /// The scheme is not `redis` or `unix` (for example `rediss`, which would need TLS).
    case unsupportedScheme(String)
    /// A `redis://` URL without a host.
    case missingHost
    /// The port is not a number between 1 and 65535.
    case invalidPort(String)
    /// The database is not a non-negative integer.
    case invalidDatabase(String)
    /// A `unix://` URL whose socket path is empty or not absolute.
    case invalidSocketPath(String)
    /// A `%` escape that is not followed by two hex digits, or that decodes to invalid UTF-8.
    case invalidPercentEncoding(component: String)
    /// A query parameter this client does not understand.
    case unsupportedQueryParameter(String)
    /// A malformed bracketed IPv6 host.
    case invalidHost(String)

    /// A message for people, naming what went wrong.
    public var description: String {
        switch self {
        case .missingScheme(let text):
            return "Redis URL has no scheme (expected redis://host:port/db or unix:///path): '\(text)'"
        case .unsupportedScheme(let scheme):
            if scheme == "rediss" {
                return "Redis URL scheme 'rediss' (TLS) is not supported; use redis:// or unix://"
            }
            return "Redis URL scheme '\(scheme)' is not supported; use redis:// or unix://"
        case .missingHost:
            return "Redis URL has no host (expected redis://host:port/db)"
        case .invalidPort(let port):
            return "Redis URL port '\(port)' is not a number between 1 and 65535"
        case .invalidDatabase(let database):
            return "Redis URL database '\(database)' is not a non-negative integer"
        case .invalidSocketPath(let path):
            return "Redis URL socket path '\(path)' is not an absolute path (expected unix:///path/to/redis.sock)"
        case .invalidPercentEncoding(let component):
            return "Redis URL \(component) contains an invalid percent escape"
        case .unsupportedQueryParameter(let name):
            return "Redis URL query parameter '\(name)' is not supported (only db=N)"
        case .invalidHost(let host):
            return "Redis URL host '\(host)' is malformed"
        }
    }
}
