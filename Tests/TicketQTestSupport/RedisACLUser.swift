/// An ACL user created in a test server's configuration.
public struct RedisACLUser: Sendable, Hashable {
    /// The user name.
    public var name: String
    /// The user's password.
    public var password: String
    /// ACL rules after `on >password`; the default allows every command, key and channel.
    public var rules: [String]

    /// Creates a user that is enabled, has `password` and follows `rules`.
    public init(name: String, password: String, rules: [String] = ["~*", "&*", "+@all"]) {
        self.name = name
        self.password = password
        self.rules = rules
    }
}
