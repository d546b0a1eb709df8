import TicketQCore

/// E-mail addresses in header values such as `"Ann Lee" <ann@example.com>, bob@example.org`.
enum MailAddress {
    /// The addresses in `value`, lowercased, in order.
    static func addresses(in value: String) -> [String] {
        var result: [String] = []
        var index = value.startIndex
        while index < value.endIndex {
            if value[index] == "<", let close = value[index...].firstIndex(of: ">") {
                let inside = value[value.index(after: index)..<close]
                if inside.contains("@") { result.append(inside.lowercased().trimmingCharacters()) }
                index = value.index(after: close)
                continue
            }
            index = value.index(after: index)
        }
        if result.isEmpty {
            for token in value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == ";" }) where token.contains("@") {
                result.append(token.trimmingScalars { $0 == "<" || $0 == ">" || $0 == "\"" || $0 == "'" }.lowercased())
            }
        }
        return result
    }
}
