import NIOCore

/// The channel handler on both sockets of a proxied connection: hands what it reads and the
/// socket's closing to the ``FaultProxyConnection``.
final class FaultProxyRelay: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    /// Which socket the handler sits on.
    enum Side {
        /// The socket accepted from the client (a worker).
        case client
        /// The socket to Redis.
        case server
    }

    private let connection: FaultProxyConnection
    private let side: Side

    init(_ connection: FaultProxyConnection, side: Side) {
        self.connection = connection
        self.side = side
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        connection.received(unwrapInboundIn(data), from: side)
    }

    func channelInactive(context: ChannelHandlerContext) {
        connection.closed(side)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
