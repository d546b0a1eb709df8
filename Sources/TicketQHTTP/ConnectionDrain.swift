import NIOCore
import Synchronization

/// Whether one connection is between requests or in the middle of one, so that a graceful
/// shutdown can close it without cutting a response short.
///
/// An idle connection (waiting for the next request head) is closed at once; a busy one answers
/// its current request with `Connection: close` and then closes. Keep-alive clients such as
/// Prometheus hold a connection open indefinitely, so without this the server would wait for them
/// forever.
final class ConnectionDrain: Sendable {
    private enum Phase {
        case idle, busy, draining
    }

    private let channel: any Channel
    private let phase = Mutex(Phase.idle)

    init(channel: any Channel) {
        self.channel = channel
    }

    /// Whether a graceful shutdown has begun, i.e. the response being written must close the connection.
    var isDraining: Bool {
        phase.withLock { $0 == .draining }
    }

    /// A request head arrived: from now on a shutdown waits for the response.
    func requestStarted() {
        phase.withLock { if $0 == .idle { $0 = .busy } }
    }

    /// The response was written. Returns whether the connection may wait for another request;
    /// `false` when a shutdown began meanwhile.
    func requestFinished() -> Bool {
        phase.withLock { phase in
            guard phase == .busy else { return false }
            phase = .idle
            return true
        }
    }

    /// Graceful shutdown: closes the connection now if it is idle, else after its response.
    func shutDown() {
        let idle = phase.withLock { phase in
            defer { phase = .draining }
            return phase == .idle
        }
        if idle { channel.close(promise: nil) }
    }

    /// Cancellation: closes the connection now, even in the middle of a request.
    func closeNow() {
        phase.withLock { $0 = .draining }
        channel.close(promise: nil)
    }
}
