/// A complete HTTP request as a handler sees it.
public struct HTTPRequest: Sendable {
    /// The method, e.g. `GET`.
    public var method: String
    /// The path without the query string, e.g. `/metrics`.
    public var path: String
    /// The query string after `?`, if any.
    public var query: String?
    /// The header fields in order; names as sent.
    public var headers: [(name: String, value: String)]
    /// The body bytes (empty for most `GET` requests).
    public var body: [UInt8]

    /// Creates a request.
    public init(method: String, path: String, query: String? = nil, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The first value of the header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) }?.value
    }
}

extension String {
    fileprivate func caseInsensitiveCompare(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}
