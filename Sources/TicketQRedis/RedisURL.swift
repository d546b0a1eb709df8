/// The address and credentials of a Redis server.
///
/// Accepted forms:
/// - `redis://host` (port 6379, database 0)
/// - `redis://[user:password@]host:port[/db]`, with `user` and `password` percent-encoded
/// - `redis://[::1]:6379/0` (bracketed IPv6 host)
/// - `unix:///path/to/redis.sock[?db=N]` and `unix://[user:password@]/path/to/redis.sock`
///
/// ```swift
/// let url = try RedisURL("redis://worker:s%40cret@127.0.0.1:6379/2")
/// print(url)            // redis://worker:***@127.0.0.1:6379/2
/// ```
///
/// `description` is the redacted form, so a URL interpolated into a log line never shows its password.
public struct RedisURL: Sendable, Hashable, CustomStringConvertible {
    /// Where the server listens.
    public var endpoint: RedisEndpoint
    /// The ACL user name, or `nil` for the default user.
    public var user: String?
    /// The password sent with `AUTH`, or `nil` to skip authentication.
    public var password: String?
    /// The database selected after connecting.
    public var database: Int

    /// `redis://127.0.0.1:6379/0`.
    public static let `default` = RedisURL(endpoint: .tcp(host: "127.0.0.1", port: RedisEndpoint.defaultPort))

    /// Creates a URL from its parts.
    public init(endpoint: RedisEndpoint, user: String? = nil, password: String? = nil, database: Int = 0) {
        self.endpoint = endpoint
        self.user = user
        self.password = password
        self.database = database
    }

    /// Parses `text`.
    /// - Throws: ``RedisURLError`` naming the part that is wrong.
    public init(_ text: String) throws(RedisURLError) {
        guard let schemeEnd = text.firstRange(of: "://") else {
            throw .missingScheme(text)
        }
        let scheme = text[..<schemeEnd.lowerBound].lowercased()
        var rest = text[schemeEnd.upperBound...]

        var queryDatabase: Int?
        if let questionMark = rest.firstIndex(of: "?") {
            queryDatabase = try Self.parseQuery(rest[rest.index(after: questionMark)...])
            rest = rest[..<questionMark]
        }

        switch scheme {
        case "redis":
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            let (user, password, hostPort) = try Self.splitUserInfo(rest[..<slash])
            let (host, port) = try Self.parseHostPort(hostPort)
            var database = 0
            if slash < rest.endIndex {
                let path = rest[rest.index(after: slash)...]
                if !path.isEmpty { database = try Self.parseDatabase(path) }
            }
            self.init(endpoint: .tcp(host: host, port: port), user: user, password: password, database: queryDatabase ?? database)
        case "unix":
            let (user, password, rawPath) = try Self.splitUserInfo(rest)
            let path = try PercentEncoding.decode(rawPath, component: "socket path")
            guard path.hasPrefix("/"), path.count > 1 else {
                throw .invalidSocketPath(path)
            }
            self.init(endpoint: .unixSocket(path: path), user: user, password: password, database: queryDatabase ?? 0)
        default:
            throw .unsupportedScheme(scheme)
        }
    }

    /// A copy whose password is `password`, for a password read from a file or the environment.
    public func withPassword(_ password: String?) -> RedisURL {
        var copy = self
        copy.password = password
        return copy
    }

    /// The URL with the password replaced by `***`, safe to log.
    public var redacted: String {
        render(password: password == nil ? nil : "***")
    }

    /// The redacted form (see ``redacted``).
    public var description: String { redacted }

    private func render(password: String?) -> String {
        var userInfo = ""
        if user != nil || password != nil {
            userInfo = PercentEncoding.encode(user ?? "")
            if let password { userInfo += ":" + password }
            userInfo += "@"
        }
        switch endpoint {
        case .tcp:
            return "redis://\(userInfo)\(endpoint.displayName)/\(database)"
        case .unixSocket(let path):
            return "unix://\(userInfo)\(path)?db=\(database)"
        }
    }

    private static func splitUserInfo(
        _ authority: Substring
    ) throws(RedisURLError) -> (user: String?, password: String?, remainder: Substring) {
        guard let at = authority.lastIndex(of: "@") else {
            return (nil, nil, authority)
        }
        let userInfo = authority[..<at]
        let remainder = authority[authority.index(after: at)...]
        guard let colon = userInfo.firstIndex(of: ":") else {
            let user = try PercentEncoding.decode(userInfo, component: "user")
            return (user.isEmpty ? nil : user, nil, remainder)
        }
        let user = try PercentEncoding.decode(userInfo[..<colon], component: "user")
        let password = try PercentEncoding.decode(userInfo[userInfo.index(after: colon)...], component: "password")
        return (user.isEmpty ? nil : user, password.isEmpty ? nil : password, remainder)
    }

    private static func parseHostPort(_ text: Substring) throws(RedisURLError) -> (String, Int) {
        var host: Substring
        var portText: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { throw .invalidHost(String(text)) }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .invalidHost(String(text)) }
                portText = after.dropFirst()
            }
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            if portText?.contains(":") == true { throw .invalidHost(String(text)) }
        } else {
            host = text
        }
        guard !host.isEmpty else { throw .missingHost }
        guard let portText else { return (String(host), RedisEndpoint.defaultPort) }
        guard let port = parseDecimal(portText), (1...65535).contains(port) else {
            throw .invalidPort(String(portText))
        }
        return (String(host), port)
    }

    private static func parseDatabase(_ text: Substring) throws(RedisURLError) -> Int {
        guard let database = parseDecimal(text) else { throw .invalidDatabase(String(text)) }
        return database
    }

    private static func parseQuery(_ query: Substring) throws(RedisURLError) -> Int? {
        var database: Int?
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0] == "db" else { throw .unsupportedQueryParameter(String(parts[0])) }
            database = try parseDatabase(parts.count == 2 ? parts[1] : "")
        }
        return database
    }

    /// Only plain ASCII digits, at most 9 of them, so the value always fits an `Int32` database index.
    private static func parseDecimal(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 9, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }
}
