import NIOCore
import NIOHTTP1

/// Tells a ``ConnectionGuard`` where each request–response exchange stands: it sits after the
/// HTTP codec and passes every part through unchanged.
final class ExchangeObserver: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let connectionGuard: ConnectionGuard

    init(reportingTo connectionGuard: ConnectionGuard) {
        self.connectionGuard = connectionGuard
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: connectionGuard.headReceived()
        case let .body(buffer): connectionGuard.bodyReceived(buffer.readableBytes)
        case .end: connectionGuard.requestReceived()
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case let .head(head) where !head.isKeepAlive: connectionGuard.responseClosesConnection()
        case .end: connectionGuard.responseFinished()
        default: break
        }
        context.write(data, promise: promise)
    }
}
