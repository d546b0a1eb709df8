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

    /// Parses a header block (the bytes before the first empty line). Continuation lines
    /// (starting with a space or tab) are joined to the field before them. Header bytes are read
    /// as UTF-8, falling back to Latin-1 for bytes that are not (raw 8-bit headers).
    static func parse(_ block: ArraySlice<UInt8>) throws(MailParseError) -> MailHeaders {
        var fields: [(name: String, value: String)] = []
        var number = 0
        for line in MailLines.split(block) {
            number += 1
            if line.isEmpty { continue }
            if line.first == 0x20 || line.first == 0x09 {
                guard !fields.isEmpty else { throw .malformedHeader(line: number) }
                fields[fields.count - 1].value += " " + Charset.headerText(line).trimmingCharacters()
                continue
            }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else {
                // mbox "From " separators left at the top of a message are skipped.
                if number == 1, line.starts(with: Array("From ".utf8)) { continue }
                throw .malformedHeader(line: number)
            }
            let name = line[line.startIndex..<colon]
            guard name.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { throw .malformedHeader(line: number) }
            fields.append((String(decoding: name, as: UTF8.self), Charset.headerText(line[(colon + 1)...]).trimmingCharacters()))
        }
        return MailHeaders(fields: fields)
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
