/// A parsed configuration value from YAML or JSON, kept close to the source so that validation
/// can name the exact field and tell quoted strings from bare YAML scalars.
public indirect enum ConfigNode: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    /// A string; `quoted` is false for a bare YAML scalar.
    case string(String, quoted: Bool)
    case array([ConfigNode])
    /// An object, with its keys in source order.
    case object([ConfigEntry])

    /// A short name of the node's kind, for error messages.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .integer, .number: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    /// The value for `key` when this is an object.
    public subscript(key: String) -> ConfigNode? {
        guard case let .object(entries) = self else { return nil }
        return entries.first(where: { $0.key == key })?.value
    }
}

/// One key and value of a ``ConfigNode/object(_:)``.
public struct ConfigEntry: Sendable, Hashable {
    /// The key.
    public let key: String
    /// The value.
    public let value: ConfigNode

    /// Creates an entry.
    public init(key: String, value: ConfigNode) {
        self.key = key
        self.value = value
    }
}
