import Synchronization

/// Counts a listener's open connections, in all and by client address, and admits a new one
/// only while both stay within ``HTTPServerLimits``.
final class ConnectionCounter: Sendable {
    private struct Counts {
        var total = 0
        var byClient: [String: Int] = [:]
    }

    private let limits: HTTPServerLimits
    private let counts = Mutex(Counts())

    init(limits: HTTPServerLimits) {
        self.limits = limits
    }

    /// Counts a new connection from `client` (an IP address; `nil` when unknown) and returns nil,
    /// or returns the limit it would break without counting it.
    func admit(_ client: String?) -> HTTPLimit? {
        counts.withLock { counts in
            let key = client ?? ""
            let fromClient = counts.byClient[key, default: 0]
            if counts.total >= limits.maxConnections { return .maxConnections }
            if fromClient >= limits.maxConnectionsPerClient { return .maxConnectionsPerClient }
            counts.total += 1
            counts.byClient[key] = fromClient + 1
            return nil
        }
    }

    /// Uncounts a connection ``admit(_:)`` counted, once it closed.
    func release(_ client: String?) {
        counts.withLock { counts in
            let key = client ?? ""
            counts.total -= 1
            let left = counts.byClient[key, default: 1] - 1
            counts.byClient[key] = left > 0 ? left : nil
        }
    }

    /// The connections open now.
    var open: Int { counts.withLock(\.total) }
}
