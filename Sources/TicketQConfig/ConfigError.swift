/// A configuration file that cannot be used: which file, which field and why.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, when the value came from one.
    public var file: String?
    /// The field path, e.g. `lanes.standard.response.unit`; empty for the whole document.
    public var field: String
    /// Why it is rejected.
    public var reason: String

    /// Creates an error.
    public init(file: String?, field: String, reason: String) {
        self.file = file
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var text = ""
        if let file { text += file + ": " }
        if !field.isEmpty { text += field + ": " }
        return text + reason
    }
}
