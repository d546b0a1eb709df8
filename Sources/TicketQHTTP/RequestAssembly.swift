import NIOCore
import NIOHTTP1

/// Collects one request's head and body parts, enforcing the route's admission check and body
/// limit as soon as the head arrives.
struct RequestAssembly {
    enum Step {
        case incomplete
        case complete(HTTPRequest, keepAlive: Bool)
        case reject(HTTPResponse)
    }

    let router: HTTPRouter
    private(set) var head: HTTPRequestHead?
    private var body: [UInt8] = []
    private var limit = 0

    init(router: HTTPRouter) {
        self.router = router
    }

    mutating func consume(_ part: HTTPServerRequestPart) -> Step {
        switch part {
        case let .head(requestHead):
            head = requestHead
            let (path, query) = Self.split(requestHead.uri)
            let method = requestHead.method.rawValue
            if case let .route(route) = router.match(method: method, path: path), let admit = route.admit {
                let headOnly = HTTPRequest(method: method, path: path, query: query, headers: requestHead.headers.map { (name: $0.name, value: $0.value) })
                if let refusal = admit(headOnly) { return .reject(refusal) }
            }
            limit = router.maxBodyBytes(method: method, path: path)
            if let declared = requestHead.headers.first(name: "Content-Length").flatMap(Int.init), declared > limit {
                return .reject(Self.tooLarge(limit))
            }
            return .incomplete
        case var .body(buffer):
            guard body.count + buffer.readableBytes <= limit else { return .reject(Self.tooLarge(limit)) }
            body += buffer.readBytes(length: buffer.readableBytes) ?? []
            return .incomplete
        case .end:
            guard let head else { return .reject(.text(400, "request without a head")) }
            let (path, query) = Self.split(head.uri)
            let request = HTTPRequest(
                method: head.method.rawValue, path: path, query: query,
                headers: head.headers.map { (name: $0.name, value: $0.value) }, body: body
            )
            return .complete(request, keepAlive: head.isKeepAlive)
        }
    }

    private static func split(_ uri: String) -> (path: String, query: String?) {
        guard let mark = uri.firstIndex(of: "?") else { return (uri, nil) }
        return (String(uri[..<mark]), String(uri[uri.index(after: mark)...]))
    }

    private static func tooLarge(_ limit: Int) -> HTTPResponse {
        .text(413, "request body too large: at most \(limit) bytes are accepted here")
    }
}
