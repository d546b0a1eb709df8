import NIOCore

/// One client connection through a ``FaultProxy`` and its connection to Redis: the two
/// directions, and the RESP framing used to drop a single reply. Confined to the proxy's event
/// loop.
///
/// Commands are counted as they arrive from the client and replies as they arrive from Redis;
/// Redis answers the commands of a connection in order, so reply *n* answers command *n*. Bytes
/// from the client are forwarded as they come; replies are forwarded one whole reply at a time.
final class FaultProxyConnection {
    private let core: FaultProxyCore
    let client: any Channel
    private var server: (any Channel)?
    private let toServer: FaultProxyStream
    private let toClient: FaultProxyStream
    private var requests = RESPFrameScanner(allowsInline: true)
    private var replies = RESPFrameScanner(allowsInline: false)
    private var commandCount = 0
    private var replyCount = 0
    /// Reply numbers to drop, each with whether the connection is cut right after.
    private var repliesToDrop: [Int: Bool] = [:]
    private var clientOpen = true
    private var serverOpen = true

    init(client: any Channel, core: FaultProxyCore) {
        self.client = client
        self.core = core
        toServer = FaultProxyStream(eventLoop: client.eventLoop)
        toClient = FaultProxyStream(eventLoop: client.eventLoop)
        toClient.target = client
    }

    /// The connection to Redis is established: queued client bytes flow.
    func serverConnected(_ channel: any Channel) {
        server = channel
        toServer.target = channel
        toServer.flush()
    }

    /// Bytes read from one side.
    func received(_ buffer: ByteBuffer, from side: FaultProxyRelay.Side) {
        switch side {
        case .client:
            requests.append(buffer.readableBytesView)
            while let frame = requests.nextFrame() {
                commandCount += 1
                if let cut = core.claimDropRequest(for: frame) { repliesToDrop[commandCount] = cut }
            }
            toServer.push(.bytes(buffer), mode: core.mode)
        case .server:
            replies.append(buffer.readableBytesView)
            while let frame = replies.nextFrame() {
                replyCount += 1
                if let cutAfter = repliesToDrop.removeValue(forKey: replyCount) {
                    core.replyDropped()
                    if cutAfter {
                        cut()
                        return
                    }
                    continue
                }
                toClient.push(.bytes(client.allocator.buffer(bytes: frame)), mode: core.mode)
            }
        }
    }

    /// One side closed: the end of its stream travels to the other side like its bytes do.
    func closed(_ side: FaultProxyRelay.Side) {
        switch side {
        case .client:
            clientOpen = false
            toServer.push(.end, mode: core.mode)
        case .server:
            serverOpen = false
            toClient.push(.end, mode: core.mode)
        }
        if !clientOpen && !serverOpen { core.remove(self) }
    }

    /// Redis could not be reached: the client's connection is closed.
    func upstreamFailed() {
        serverOpen = false
        cut()
    }

    /// Held bytes (and ends of stream) flow again.
    func heal() {
        toServer.heal()
        toClient.heal()
    }

    /// Closes both sockets at once, forgetting whatever was still on its way.
    func cut() {
        toServer.discard()
        toClient.discard()
        client.close(promise: nil)
        server?.close(promise: nil)
        core.remove(self)
    }
}
