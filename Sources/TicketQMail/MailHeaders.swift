/// A message's or part's header fields, unfolded, in order. Names compare case-insensitively.
public struct MailHeaders: Sendable, Hashable {
    /// The fields as `(name, raw value)`; values are unfolded but not decoded.
    public let fields: [(name: String, value: String)]

    public static func == (lhs: MailHeaders, rhs: MailHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        for field in fields {
            hasher.combine(field.name)
            hasher.combine(field.value)
        }
    }

    /// Creates headers from fields.
    public init(fields: [(name: String, value: String)]) {
        self.fields = fields
    }

    /// The first value of `name`, unfolded and trimmed.
    public subscript(_ name: String) -> String? {
        let wanted = name.lowercased()
        return fields.first { $0.name.lowercased() == wanted }?.value
    }

    /// Every value of `name`, in order.
    public func all(_ name: String) -> [String] {
        let wanted = name.lowercased()
        return fields.filter { $0.name.lowercased() == wanted }.map(\.value)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingCharacters() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" || first == "\n" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" || last == "\n" { scalars.removeLast() }
        return String(scalars)
    }
}
