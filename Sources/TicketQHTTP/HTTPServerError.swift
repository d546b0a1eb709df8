/// Why an HTTP server could not start.
public enum HTTPServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The listen address is malformed.
    case invalidAddress(String, reason: String)
    /// The address could not be bound (in use, not local, no permission).
    case bindFailed(address: String, reason: String)
    /// The port is already taken by another socket.
    case addressInUse(address: String)

    public var description: String {
        switch self {
        case let .invalidAddress(text, reason): "invalid listen address \"\(text)\": \(reason)"
        case let .bindFailed(address, reason): "cannot listen on \(address): \(reason)"
        case let .addressInUse(address): "cannot listen on \(address): the address is already in use"
        }
    }
}
