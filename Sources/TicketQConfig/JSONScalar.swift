/// One value of a flat JSON object, as ticket lines and queue payloads use them.
package enum JSONScalar {
    case string(String)
    case integer(Int64)
    case bool(Bool)
    case null
    /// A value of any other kind (a fraction, a list, an object), by its kind name for errors.
    case unsupported(kindName: String)

    /// The scalar of a parsed node.
    package init(_ node: ConfigNode) {
        switch node {
        case let .string(text, _): self = .string(text)
        case let .integer(value): self = .integer(value)
        case let .bool(flag): self = .bool(flag)
        case .null: self = .null
        default: self = .unsupported(kindName: node.kindName)
        }
    }

    /// The kind's name in error messages, the same as ``ConfigNode/kindName``.
    package var kindName: String {
        switch self {
        case .string: return "a string"
        case .integer: return "a number"
        case .bool: return "a boolean"
        case .null: return "null"
        case let .unsupported(kindName): return kindName
        }
    }
}
