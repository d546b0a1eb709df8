import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle

/// A small HTTP/1.1 server (SwiftNIO, keep-alive) that answers through an ``HTTPRouter``.
///
/// ``bind(_:router:logger:group:)`` listens at once, so an address that cannot be bound fails
/// before anything else starts; ``run()`` serves until a graceful shutdown or cancellation, and
/// returns once every connection is closed (idle keep-alive connections do not hold it up).
/// Every connection is held to ``HTTPServerLimits``; each limit that trips is reported to
/// `onLimit`.
public final class HTTPServer: Service, Sendable {
    typealias Connection = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>

    /// The address actually bound (the chosen port when 0 was asked for).
    public let localAddress: HTTPListenAddress
    private let listener: NIOAsyncChannel<Connection, Never>
    private let router: HTTPRouter
    private let logger: Logger
    private let counter: ConnectionCounter

    private init(
        localAddress: HTTPListenAddress, listener: NIOAsyncChannel<Connection, Never>, router: HTTPRouter, logger: Logger,
        counter: ConnectionCounter
    ) {
        self.localAddress = localAddress
        self.listener = listener
        self.router = router
        self.logger = logger
        self.counter = counter
    }

    /// The connections open now (refused ones excluded).
    public var openConnections: Int { counter.open }

    /// Listens on `address`.
    /// - Parameters:
    ///   - limits: the limits every connection is held to.
    ///   - onLimit: called (on an event loop; keep it quick) each time a limit trips.
    /// - Throws: ``HTTPServerError/addressInUse(address:)`` when another socket holds the port,
    ///   ``HTTPServerError/bindFailed(address:reason:)`` for any other failure.
    public static func bind(
        _ address: HTTPListenAddress, router: HTTPRouter, logger: Logger,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        limits: HTTPServerLimits = HTTPServerLimits(), onLimit: @escaping @Sendable (HTTPLimit) -> Void = { _ in }
    ) async throws(HTTPServerError) -> HTTPServer {
        let listener: NIOAsyncChannel<Connection, Never>
        let counter = ConnectionCounter(limits: limits)
        do {
            listener = try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: address.host, port: address.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try configure(channel, limits: limits, counter: counter, onLimit: onLimit)
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw .addressInUse(address: address.description)
        } catch {
            throw .bindFailed(address: address.description, reason: String(describing: error))
        }
        let bound = listener.channel.localAddress
        let local = HTTPListenAddress(host: bound?.ipAddress ?? address.host, port: bound?.port ?? address.port)
        return HTTPServer(localAddress: local, listener: listener, router: router, logger: logger, counter: counter)
    }

    /// Sets up a new connection: the HTTP codec between a ``ConnectionGuard`` and its
    /// ``ExchangeObserver`` when the caps admit it, else a ``ConnectionRefusal``.
    private static func configure(
        _ channel: any Channel, limits: HTTPServerLimits, counter: ConnectionCounter, onLimit: @escaping @Sendable (HTTPLimit) -> Void
    ) throws {
        let pipeline = channel.pipeline.syncOperations
        let client = channel.remoteAddress?.ipAddress
        if let refused = counter.admit(client) {
            onLimit(refused)
            try pipeline.addHandler(ConnectionRefusal(limit: refused))
            return
        }
        channel.closeFuture.whenComplete { _ in counter.release(client) }
        let connectionGuard = ConnectionGuard(limits: limits, onLimit: onLimit)
        try pipeline.addHandler(connectionGuard)
        // No pipelining assistance: `answerRequests` already answers one request at a time, in
        // order, and the async channel's buffer bounds what a pipelining client can queue; the
        // extra handler cost 12 % of the CPU of a small request. Without it NIO's error handler
        // would answer a malformed request ahead of the pipelined ones before it, so
        // `answerRequests` answers parse errors itself, in turn.
        try pipeline.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: false)
        try pipeline.addHandler(ExchangeObserver(reportingTo: connectionGuard))
    }

    /// Serves connections until a graceful shutdown or cancellation, then returns.
    ///
    /// A graceful shutdown stops accepting, closes idle keep-alive connections at once and lets a
    /// request in progress finish with a `Connection: close` answer. Cancellation closes every
    /// connection at once.
    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withThrowingDiscardingTaskGroup { group in
                try await listener.executeThenClose { inbound in
                    for try await connection in inbound.cancelOnGracefulShutdown() {
                        group.addTask { await self.serve(connection) }
                    }
                }
            }
        } onGracefulShutdown: {
            self.listener.channel.close(promise: nil)
        }
    }

    /// Stops accepting connections (connections in progress finish their request).
    public func close() async {
        try? await listener.channel.close()
    }

    /// Serves one connection's requests until the client closes it, a request asks to close, or
    /// the server shuts down. Each connection task inherits the service's graceful shutdown.
    private func serve(_ connection: Connection) async {
        let drain = ConnectionDrain(channel: connection.channel)
        do {
            try await withTaskCancellationHandler {
                try await withGracefulShutdownHandler {
                    try await answerRequests(on: connection, drain: drain)
                } onGracefulShutdown: {
                    drain.shutDown()
                }
            } onCancel: {
                drain.closeNow()
            }
        } catch {
            logger.debug("HTTP connection ended", metadata: ["error": "\(error)"])
        }
    }

    private func answerRequests(on connection: Connection, drain: ConnectionDrain) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var exchange = RequestAssembly(router: router)
            do {
                for try await part in inbound {
                    if case .head = part { drain.requestStarted() }
                    switch exchange.consume(part) {
                    case .incomplete:
                        continue
                    case let .reject(response):
                        try await write(response, keepAlive: false, head: exchange.head, to: outbound)
                        return
                    case let .complete(request, keepAlive):
                        let response = await respond(to: request)
                        let staysOpen = keepAlive && !drain.isDraining
                        try await write(response, keepAlive: staysOpen, head: exchange.head, to: outbound)
                        guard staysOpen, drain.requestFinished() else { return }
                        exchange = RequestAssembly(router: router)
                    }
                }
            } catch is HTTPParserError {
                try await write(.text(400, "malformed HTTP request"), keepAlive: false, head: nil, to: outbound)
            }
        }
    }

    private func respond(to request: HTTPRequest) async -> HTTPResponse {
        switch router.match(method: request.method, path: request.path) {
        case let .route(route):
            return await route.handler(request)
        case .notFound:
            return .text(404, "no such endpoint: \(request.path)")
        case let .methodNotAllowed(allowed):
            return .text(405, "\(request.method) is not allowed on \(request.path)", headers: [("Allow", allowed.joined(separator: ", "))])
        }
    }

    private func write(
        _ response: HTTPResponse, keepAlive: Bool, head request: HTTPRequestHead?,
        to outbound: NIOAsyncChannelOutboundWriter<HTTPServerResponsePart>
    ) async throws {
        var headers = HTTPHeaders(response.headers.map { ($0.name, $0.value) })
        headers.replaceOrAdd(name: "Content-Length", value: String(response.body.count))
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        let version = request?.version ?? .http1_1
        let head = HTTPResponseHead(version: version, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        // One write (one hop to the event loop, one flush) for the whole response.
        if request?.method != .HEAD, !response.body.isEmpty {
            try await outbound.write(contentsOf: [.head(head), .body(.byteBuffer(ByteBuffer(bytes: response.body))), .end(nil)])
        } else {
            try await outbound.write(contentsOf: [.head(head), .end(nil)])
        }
    }
}
