import NIOCore

/// The whole pipeline of a connection over a connection cap: answers `503` with `Retry-After`
/// as soon as it is active, ignores what the client sends and closes.
final class ConnectionRefusal: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    private let limit: HTTPLimit

    init(limit: HTTPLimit) {
        self.limit = limit
    }

    func channelActive(context: ChannelHandlerContext) {
        let text = limit == .maxConnections ? "too many connections" : "too many connections from this address"
        let response = RawHTTPResponse.bytes(503, "Service Unavailable", text, headers: ["Retry-After: 1"])
        context.writeAndFlush(NIOAny(response)).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {}
}
