/// Where a set of policies and calendars was read from.
public enum ConfigSource: Sendable, Hashable, CustomStringConvertible {
    /// The copies compiled into the binary.
    case embedded
    /// A directory with `brands/` and `calendars/` subfolders.
    case directory(String)

    public var description: String {
        switch self {
        case .embedded: return "built-in policies"
        case let .directory(path): return path
        }
    }
}
