/// A limit of ``HTTPServerLimits`` that a connection ran into; reported to the server's
/// `onLimit` callback each time one trips, so that it can be counted.
public enum HTTPLimit: String, Sendable, CaseIterable {
    /// The listener already had ``HTTPServerLimits/maxConnections`` open: refused.
    case maxConnections = "max_connections"
    /// The client address already had ``HTTPServerLimits/maxConnectionsPerClient`` open: refused.
    case maxConnectionsPerClient = "max_connections_per_client"
    /// A request head grew past ``HTTPServerLimits/maxHeaderBytes``: `431`, closed.
    case headerBytes = "header_bytes"
    /// A request head did not arrive within ``HTTPServerLimits/headerTimeout``: `408`, closed.
    case headerTimeout = "header_timeout"
    /// A body did not arrive within ``HTTPServerLimits/bodyTimeout``: `408`, closed.
    case bodyTimeout = "body_timeout"
    /// A body arrived slower than ``HTTPServerLimits/minBodyRate``: `408`, closed.
    case bodyRate = "body_rate"
    /// A keep-alive connection waited longer than ``HTTPServerLimits/idleTimeout``: closed.
    case idleTimeout = "idle_timeout"

    /// Whether the limit refuses a new connection (as opposed to closing one in use).
    public var refusesConnection: Bool {
        self == .maxConnections || self == .maxConnectionsPerClient
    }
}
