/// One endpoint: a method and an exact path, its body-size limit and its handler.
public struct HTTPRoute: Sendable {
    /// The method, e.g. `GET` or `POST`.
    public var method: String
    /// The exact path, e.g. `/metrics`.
    public var path: String
    /// The largest request body accepted; a longer one gets `413`.
    public var maxBodyBytes: Int
    /// Answers a request.
    public var handler: @Sendable (HTTPRequest) async -> HTTPResponse

    /// Creates a route.
    public init(_ method: String, _ path: String, maxBodyBytes: Int = 0, handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse) {
        self.method = method
        self.path = path
        self.maxBodyBytes = maxBodyBytes
        self.handler = handler
    }
}
