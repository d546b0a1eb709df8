/// One dead letter or quarantined message evicted by retention.
public struct Eviction: Sendable, Hashable, CustomStringConvertible {
    /// What was evicted.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case deadLetter = "dead_letter"
        case quarantine
    }

    /// Which limit evicted it.
    public enum Reason: String, Sendable, Hashable, CaseIterable {
        /// Older than the age limit.
        case age
        /// The oldest while the kind held more than its byte limit.
        case bytes
    }

    public let kind: Kind
    /// The ticket or quarantine id.
    public let id: String
    public let reason: Reason
    /// The bytes it held.
    public let bytes: Int64

    public var description: String {
        "\(kind.rawValue) \(id) evicted (\(reason == .age ? "past the retention age" : "over the byte limit"), \(bytes) bytes)"
    }
}
