import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy between clients (workers) and Redis that injects network faults on demand.
///
/// Point a client at ``url`` instead of the server; in ``Mode/pass`` every byte is relayed
/// unchanged. Switching ``mode`` at run time takes effect before the setter returns, for every
/// connection open or yet to come:
///
/// - ``Mode/delay(_:)`` holds each chunk of bytes, in both directions, for the given time.
/// - ``Mode/blackhole`` is a partition: bytes are neither forwarded nor answered, connections
///   stay open and new ones are accepted (the TCP handshake with the proxy succeeds, as the
///   kernel completes it, but nothing gets through). Leaving the blackhole heals it: held bytes,
///   and held closings, flow on in order, as TCP retransmission delivers them once a real
///   partition ends; a command a client gave up on may still reach Redis then.
///
/// Two one-off faults come on top of the mode:
///
/// - ``cutConnections()`` closes every open connection on both sides at once.
/// - ``dropNextReply(toCommandContaining:thenCut:)`` lets the next command reach Redis, which
///   executes it, and drops exactly its reply. The proxy parses enough RESP to count commands
///   and replies per connection (Redis answers in order), so exactly one reply is lost and the
///   ones after it go through: the client times out, or, with `thenCut`, sees its connection
///   closed.
///
/// All connections run on one event-loop thread of the proxy's own.
///
/// ```swift
/// let proxy = FaultProxy()
/// try proxy.start(upstream: (host: server.host, port: server.port))
/// let worker = try bench.startWorker(id: "a", store: "a", redis: proxy.url)
/// proxy.mode = .blackhole      // cut off
/// proxy.mode = .pass           // healed
/// proxy.stop()
/// ```
public final class FaultProxy: Sendable {
    /// What the proxy does with bytes in both directions.
    public enum Mode: Sendable, Hashable {
        /// Relays every byte at once.
        case pass
        /// Relays every chunk of bytes after this delay, in order.
        case delay(Duration)
        /// Holds every byte until the mode changes (a partition).
        case blackhole
    }

    private struct State {
        var mode: Mode = .pass
        var port: Int?
        var listener: (any Channel)?
        var stopped = false
    }

    private let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let eventLoop: any EventLoop
    private let core: NIOLoopBound<FaultProxyCore>
    private let tally = FaultProxyTally()
    private let state = Mutex(State())

    /// Creates a stopped proxy; ``start(listen:upstream:)`` opens its port.
    public init() {
        eventLoop = group.next()
        let (eventLoop, tally) = (eventLoop, tally)
        core = try! eventLoop.submit { NIOLoopBound(FaultProxyCore(eventLoop: eventLoop, tally: tally), eventLoop: eventLoop) }.wait()
    }

    deinit {
        stop()
    }

    /// Listens on `127.0.0.1:listen` (0: any free port, see ``port``) and relays every accepted
    /// connection to `upstream`.
    ///
    /// - Throws: when the port cannot be bound.
    public func start(listen: Int = 0, upstream: (host: String, port: Int)) throws {
        let core = core
        try eventLoop.submit { core.value.upstream = upstream }.wait()
        let listener = try ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try core.value.accept(channel) }
            }
            .bind(host: "127.0.0.1", port: listen)
            .wait()
        state.withLock {
            $0.listener = listener
            $0.port = listener.localAddress?.port
        }
    }

    /// The port the proxy listens on (0 before ``start(listen:upstream:)``).
    public var port: Int { state.withLock { $0.port } ?? 0 }

    /// `redis://127.0.0.1:<port>/0`, the URL clients use instead of the server's.
    public var url: String { "redis://127.0.0.1:\(port)/0" }

    /// The current mode; setting it applies to every connection before the setter returns.
    public var mode: Mode {
        get { state.withLock { $0.mode } }
        set {
            state.withLock { $0.mode = newValue }
            onLoop { $0.setMode(newValue) }
        }
    }

    /// Closes every open connection on both sides; what was still on its way is lost. New
    /// connections are accepted as before.
    public func cutConnections() {
        onLoop { $0.cutAll() }
    }

    /// Drops the reply of the next command that arrives from any client and contains each of
    /// `needles` (e.g. `"FCALL"` and a key only the commands of interest name; no needles: any
    /// command), after forwarding the command to Redis.
    ///
    /// One shot: the request is used by the first matching command; requests made while one
    /// waits queue behind it, so a sequence of losses can be armed at once; ``droppedReplies`` counts
    /// when the reply has actually been dropped. Matching looks at the bytes of the whole command
    /// as sent (`*3\r\n$3\r\nSET…`), so a needle can be a command name, a key or an argument.
    /// - Parameter thenCut: close that connection right after dropping the reply, instead of
    ///   leaving the client waiting until its command timeout.
    public func dropNextReply(toCommandContaining needles: String..., thenCut: Bool = false) {
        dropNextReply(toCommandContaining: needles, thenCut: thenCut)
    }

    /// ``dropNextReply(toCommandContaining:thenCut:)`` with the needles in an array.
    public func dropNextReply(toCommandContaining needles: [String], thenCut: Bool = false) {
        let request = FaultProxyCore.DropRequest(needles: needles.map { Array($0.utf8) }, cutAfter: thenCut)
        onLoop { $0.dropRequests.append(request) }
    }

    /// Whether a ``dropNextReply(toCommandContaining:thenCut:)`` request still waits for its command.
    public var isDropPending: Bool { onLoop { !$0.dropRequests.isEmpty } }

    /// Replies dropped so far.
    public var droppedReplies: Int { tally.droppedReplies.load(ordering: .relaxed) }

    /// Connections accepted from clients so far.
    public var acceptedConnections: Int { tally.accepted.load(ordering: .relaxed) }

    /// Connections open now.
    public var openConnections: Int { onLoop { $0.connectionCount } }

    /// Stops listening, closes every connection and ends the proxy's thread. Idempotent.
    public func stop() {
        let (wasStopped, listener) = state.withLock { state -> (Bool, (any Channel)?) in
            defer {
                state.stopped = true
                state.listener = nil
            }
            return (state.stopped, state.listener)
        }
        guard !wasStopped else { return }
        try? listener?.close().wait()
        try? eventLoop.submit { [core] in core.value.cutAll() }.wait()
        try? group.syncShutdownGracefully()
    }

    /// Runs `body` on the event loop and waits for its result.
    private func onLoop<T: Sendable>(_ body: @escaping @Sendable (FaultProxyCore) -> T) -> T {
        let core = core
        return try! eventLoop.submit { body(core.value) }.wait()
    }
}
