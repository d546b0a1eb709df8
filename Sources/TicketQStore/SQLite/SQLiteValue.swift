/// A value bound to a statement parameter.
public enum SQLiteValue: Sendable, Equatable {
    /// A 64-bit signed integer.
    case integer(Int64)
    /// A double-precision float.
    case real(Double)
    /// UTF-8 text.
    case text(String)
    /// Raw bytes.
    case blob([UInt8])
    /// SQL `NULL`.
    case null

    /// A boolean, stored as the integer 0 or 1 (SQLite has no boolean type).
    public static func bool(_ value: Bool) -> SQLiteValue { .integer(value ? 1 : 0) }

    /// `value` as an integer, or `NULL` when it is `nil`.
    public static func integer(_ value: Int64?) -> SQLiteValue { value.map { .integer($0) } ?? .null }

    /// `value` as text, or `NULL` when it is `nil`.
    public static func text(_ value: String?) -> SQLiteValue { value.map { .text($0) } ?? .null }

    /// `value` as 0 or 1, or `NULL` when it is `nil`.
    public static func bool(_ value: Bool?) -> SQLiteValue { value.map { .bool($0) } ?? .null }
}

extension SQLiteValue: ExpressibleByIntegerLiteral {
    /// An integer literal binds as `.integer`.
    public init(integerLiteral value: Int64) { self = .integer(value) }
}

extension SQLiteValue: ExpressibleByStringLiteral {
    /// A string literal binds as `.text`.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension SQLiteValue: ExpressibleByNilLiteral {
    /// `nil` binds as `NULL`.
    public init(nilLiteral: ()) { self = .null }
}
