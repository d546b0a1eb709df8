import NIOCore
import NIOPosix
import Synchronization

/// The state of a ``FaultProxy`` that lives on its event loop: the mode, the open connections
/// and a pending request to drop a reply.
final class FaultProxyCore {
    /// A one-shot request to drop the reply of the next command containing every one of
    /// ``needles`` (any command when there are none).
    struct DropRequest {
        var needles: [[UInt8]]
        var cutAfter: Bool
    }

    let eventLoop: any EventLoop
    let tally: FaultProxyTally
    var upstream: (host: String, port: Int) = ("127.0.0.1", 0)
    private(set) var mode: FaultProxy.Mode = .pass
    private var connections: [ObjectIdentifier: FaultProxyConnection] = [:]
    /// Queued drop requests, served in order: only the first waits for its command.
    var dropRequests: [DropRequest] = []

    init(eventLoop: any EventLoop, tally: FaultProxyTally) {
        self.eventLoop = eventLoop
        self.tally = tally
    }

    /// The number of connections open through the proxy (at least one of their sockets open).
    var connectionCount: Int { connections.count }

    /// Sets up a connection accepted from a client and connects it to Redis.
    func accept(_ client: any Channel) throws {
        let connection = FaultProxyConnection(client: client, core: self)
        connections[ObjectIdentifier(connection)] = connection
        tally.accepted.add(1, ordering: .relaxed)
        try client.pipeline.syncOperations.addHandler(FaultProxyRelay(connection, side: .client))
        let bound = NIOLoopBound(connection, eventLoop: eventLoop)
        ClientBootstrap(group: eventLoop)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FaultProxyRelay(bound.value, side: .server))
                }
            }
            .connect(host: upstream.host, port: upstream.port)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let channel): connection.serverConnected(channel)
                case .failure: connection.upstreamFailed()
                }
            }
    }

    /// Switches the mode; leaving the blackhole lets held bytes flow on.
    func setMode(_ mode: FaultProxy.Mode) {
        self.mode = mode
        if mode != .blackhole {
            for connection in connections.values { connection.heal() }
        }
    }

    /// Closes every open connection at once.
    func cutAll() {
        for connection in Array(connections.values) { connection.cut() }
    }

    /// Takes the pending drop request when `command` matches it; returns whether to cut the
    /// connection after dropping, or `nil` when this command's reply passes.
    func claimDropRequest(for command: [UInt8]) -> Bool? {
        guard let request = dropRequests.first else { return nil }
        guard request.needles.allSatisfy({ command.contains($0) }) else { return nil }
        dropRequests.removeFirst()
        return request.cutAfter
    }

    /// Counts a dropped reply.
    func replyDropped() {
        tally.droppedReplies.add(1, ordering: .relaxed)
    }

    /// Forgets a connection whose sockets are closed (or were cut).
    func remove(_ connection: FaultProxyConnection) {
        connections[ObjectIdentifier(connection)] = nil
    }
}

/// Counters of a ``FaultProxy``, readable from any thread.
final class FaultProxyTally: Sendable {
    /// Connections accepted from clients so far.
    let accepted = Atomic<Int>(0)
    /// Replies dropped so far.
    let droppedReplies = Atomic<Int>(0)
}
