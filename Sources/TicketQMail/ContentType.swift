/// A `Content-Type` (or `Content-Disposition`) value: the main value and its parameters.
struct HeaderParameters: Sendable {
    /// The value before the first `;`, lowercased (`text/plain`, `attachment`).
    let value: String
    /// Parameters by lowercased name, quotes removed, RFC 2231 values decoded and joined.
    let parameters: [String: String]
    /// Whether a parameter was written in RFC 2231 syntax.
    let usedRFC2231: Bool
    /// Whether an RFC 2231 parameter could not be decoded exactly.
    let malformedRFC2231: Bool

    init(_ text: String?, default fallback: String) {
        guard let text, !text.trimmingCharacters().isEmpty else {
            value = fallback
            parameters = [:]
            usedRFC2231 = false
            malformedRFC2231 = false
            return
        }
        let pieces = Self.pieces(text)
        value = pieces[0].trimmingCharacters().lowercased()
        var parameters: [String: String] = [:]
        var sections: [String: [Int: RFC2231.Section]] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = String(piece[..<equals]).trimmingCharacters().lowercased()
            var raw = String(piece[piece.index(after: equals)...]).trimmingCharacters()
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = String(raw.dropFirst().dropLast()) }
            guard let star = name.firstIndex(of: "*") else {
                if parameters[name] == nil { parameters[name] = raw }
                continue
            }
            // name*=…, name*N=…, name*N*=…
            let base = String(name[..<star])
            let rest = name[name.index(after: star)...]
            let encoded = rest.isEmpty || rest.hasSuffix("*")
            let number = rest.isEmpty ? 0 : Int(rest.hasSuffix("*") ? rest.dropLast() : rest)
            guard let number, number >= 0, sections[base, default: [:]][number] == nil else { continue }
            sections[base, default: [:]][number] = RFC2231.Section(value: raw, encoded: encoded)
        }
        var malformed = false
        for (name, parts) in sections {
            let (decoded, bad) = RFC2231.decode(parts)
            parameters[name] = decoded
            malformed = malformed || bad
        }
        self.parameters = parameters
        usedRFC2231 = !sections.isEmpty
        malformedRFC2231 = malformed
    }

    /// `type/subtype`'s type, e.g. `multipart`.
    var mainType: String { String(value.split(separator: "/").first ?? "") }

    /// The text split at `;` outside quotes.
    private static func pieces(_ text: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in text {
            if character == "\"" { quoted.toggle(); current.append(character); continue }
            if character == ";" && !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        pieces.append(current)
        return pieces
    }
}
