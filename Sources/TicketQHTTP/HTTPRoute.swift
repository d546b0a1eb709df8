/// One endpoint: a method and an exact path, its body-size limit, an optional admission check on
/// the request head, and its handler.
public struct HTTPRoute: Sendable {
    /// The method, e.g. `GET` or `POST`.
    public var method: String
    /// The exact path, e.g. `/metrics`.
    public var path: String
    /// The largest request body accepted; a longer one gets `413` (at once when the head declares
    /// it in `Content-Length`).
    public var maxBodyBytes: Int
    /// Decides from the request head alone (its body is still empty) whether to read the body:
    /// `nil` accepts, a response refuses. A refusal (e.g. `401` for a missing bearer token) is
    /// sent at once and the connection closed without reading the body.
    public var admit: (@Sendable (HTTPRequest) -> HTTPResponse?)?
    /// Answers a request.
    public var handler: @Sendable (HTTPRequest) async -> HTTPResponse

    /// Creates a route.
    public init(
        _ method: String, _ path: String, maxBodyBytes: Int = 0,
        admit: (@Sendable (HTTPRequest) -> HTTPResponse?)? = nil,
        handler: @escaping @Sendable (HTTPRequest) async -> HTTPResponse
    ) {
        self.method = method
        self.path = path
        self.maxBodyBytes = maxBodyBytes
        self.admit = admit
        self.handler = handler
    }
}
