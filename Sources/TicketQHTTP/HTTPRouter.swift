/// Finds the route for a request: `404` for an unknown path, `405` for a known path with
/// another method.
public struct HTTPRouter: Sendable {
    private let routes: [String: [String: HTTPRoute]]

    /// Creates a router over `routes`; a later route replaces an earlier one with the same
    /// method and path.
    public init(_ routes: [HTTPRoute]) {
        var table: [String: [String: HTTPRoute]] = [:]
        for route in routes { table[route.path, default: [:]][route.method] = route }
        self.routes = table
    }

    /// The outcome of looking up a method and path.
    public enum Match: Sendable {
        /// The route to run.
        case route(HTTPRoute)
        /// No route has this path.
        case notFound
        /// The path exists, but not with this method; `allowed` lists its methods.
        case methodNotAllowed(allowed: [String])
    }

    /// Looks up `method` and `path`. `HEAD` matches a `GET` route.
    public func match(method: String, path: String) -> Match {
        guard let byMethod = routes[path] else { return .notFound }
        if let route = byMethod[method] ?? (method == "HEAD" ? byMethod["GET"] : nil) { return .route(route) }
        return .methodNotAllowed(allowed: byMethod.keys.sorted())
    }

    /// The largest body accepted for `method` and `path`. A request that matches no route may
    /// still carry a small body, so that it is answered `404` or `405` rather than `413`.
    func maxBodyBytes(method: String, path: String) -> Int {
        if case let .route(route) = match(method: method, path: path) { return route.maxBodyBytes }
        return 64 * 1024
    }
}
