/// Why a Redis password file could not be used.
public enum RedisPasswordFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read; `reason` is the system's explanation.
    case unreadable(path: String, reason: String)
    /// The file is empty (or holds only a newline).
    case empty(path: String)
    /// The file is not UTF-8 text.
    case notText(path: String)

    /// A message for people, naming what went wrong.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read Redis password file '\(path)': \(reason)"
        case .empty(let path):
            return "Redis password file '\(path)' is empty"
        case .notText(let path):
            return "Redis password file '\(path)' is not UTF-8 text"
        }
    }
}
