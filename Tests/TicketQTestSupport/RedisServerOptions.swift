/// How a test ``RedisServerProcess`` is configured. The defaults give a throw-away server: no persistence.
public struct RedisServerOptions: Sendable, Hashable {
    /// Enables the append-only file with `appendfsync always`, so a server killed with SIGKILL and restarted
    /// keeps every acknowledged write.
    public var appendOnly: Bool
    /// The default user's password (`requirepass`), or `nil` for none.
    public var password: String?
    /// Extra ACL users.
    public var users: [RedisACLUser]
    /// A memory limit such as `"1mb"` (`maxmemory`), or `nil` for none.
    public var maxMemory: String?
    /// The eviction policy applied with `maxMemory`.
    public var maxMemoryPolicy: String
    /// Whether the server also listens on a unix socket in its directory.
    public var unixSocket: Bool
    /// Further configuration lines, written verbatim.
    public var extraConfiguration: [String]
    /// A shipped configuration file to run as is: the server's file then holds only `include` of
    /// it and the local settings (port, bind, dir, pidfile, logfile and ``aclFile``); every other
    /// option above is ignored.
    public var shippedConfiguration: String?
    /// An ACL file (`aclfile`), used with ``shippedConfiguration``.
    public var aclFile: String?

    /// Creates options; see the properties for their meaning.
    public init(
        appendOnly: Bool = false,
        password: String? = nil,
        users: [RedisACLUser] = [],
        maxMemory: String? = nil,
        maxMemoryPolicy: String = "noeviction",
        unixSocket: Bool = false,
        extraConfiguration: [String] = []
    ) {
        self.appendOnly = appendOnly
        self.password = password
        self.users = users
        self.maxMemory = maxMemory
        self.maxMemoryPolicy = maxMemoryPolicy
        self.unixSocket = unixSocket
        self.extraConfiguration = extraConfiguration
    }

    /// A server started from a shipped configuration and ACL file, with only port, bind, dir,
    /// pidfile, logfile and the ACL file's path set beside it.
    public static func shipped(configuration: String, aclFile: String) -> RedisServerOptions {
        var options = RedisServerOptions()
        options.shippedConfiguration = configuration
        options.aclFile = aclFile
        return options
    }
}
