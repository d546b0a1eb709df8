/// Why a test Redis server could not be started.
public enum RedisServerProcessError: Error, CustomStringConvertible {
    /// No `redis-server` executable was found in any of `searched`.
    case executableNotFound(searched: [String])
    /// The server exited or did not answer `PING` in time; `log` is the end of its output.
    case didNotStart(port: Int, reason: String, log: String)

    /// A message for people, naming what went wrong.
    public var description: String {
        switch self {
        case .executableNotFound(let searched):
            return "redis-server is required by this test but was not found (searched: \(searched.joined(separator: ", "))); "
                + "install it (Debian: apt-get install redis-server)"
        case .didNotStart(let port, let reason, let log):
            return "redis-server on 127.0.0.1:\(port) did not start: \(reason)\n--- server log ---\n\(log)"
        }
    }
}
