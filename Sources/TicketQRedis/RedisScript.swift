/// A Lua script run with `EVALSHA`, identified by the SHA-1 of its source.
///
/// The digest is computed locally, so a script can be sent with `EVALSHA` before the server has seen it;
/// ``RedisConnection`` loads it with `SCRIPT LOAD` on first use and again whenever the server answers
/// `NOSCRIPT` (after `SCRIPT FLUSH` or a restart).
public struct RedisScript: Sendable, Hashable {
    /// The Lua source.
    public let source: String
    /// The lowercase hex SHA-1 of `source`, as Redis computes it.
    public let sha1: String

    /// Creates a script from its Lua source.
    public init(_ source: String) {
        self.source = source
        self.sha1 = SHA1.hexDigest(source.utf8)
    }
}
