/// Where a Redis server listens: a TCP host and port, or a unix domain socket.
public enum RedisEndpoint: Sendable, Hashable {
    /// A TCP endpoint. `host` is a name or an address (IPv6 without brackets).
    case tcp(host: String, port: Int)
    /// A unix domain socket at an absolute path.
    case unixSocket(path: String)

    /// The port Redis listens on by default.
    public static let defaultPort = 6379

    /// A short human-readable form, used in error messages (`127.0.0.1:6379`, `[::1]:6379`, `/run/redis.sock`).
    public var displayName: String {
        switch self {
        case .tcp(let host, let port):
            return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unixSocket(let path):
            return path
        }
    }
}
