import Logging
import TicketQHTTP

/// An ``HTTPServer`` with given limits that records every limit it trips, for the limit tests.
final class LimitTestServer: Sendable {
    let server: HTTPServer
    private let log = TripLog()
    private let serving: Task<Void, any Error>

    /// A route `GET /hello`, and `POST /upload` (1 MB) that admits only `Authorization: Bearer secret`.
    static let router = HTTPRouter([
        HTTPRoute("GET", "/hello") { _ in .text(200, "hello") },
        HTTPRoute("POST", "/upload", maxBodyBytes: 1024 * 1024, admit: { head in
            head.header("Authorization") == "Bearer secret" ? nil : .text(401, "missing bearer token")
        }) { request in .text(202, "got \(request.body.count)") },
    ])

    init(_ limits: HTTPServerLimits) async throws {
        let log = self.log
        server = try await HTTPServer.bind(
            HTTPListenAddress(host: "127.0.0.1", port: 0), router: Self.router, logger: Logger(label: "test"), limits: limits
        ) { limit in log.record(limit) }
        let server = self.server
        serving = Task { try await server.run() }
    }

    var port: Int { server.localAddress.port }

    /// The limits tripped so far, in order.
    var trips: [HTTPLimit] { log.trips }

    func stop() async {
        serving.cancel()
        _ = await serving.result
    }
}

