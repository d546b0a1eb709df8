import Foundation

/// A `Content-Type` (or `Content-Disposition`) value: the main value and its parameters.
struct HeaderParameters: Sendable {
    /// The value before the first `;`, lowercased (`text/plain`, `attachment`).
    let value: String
    /// Parameters by lowercased name, quotes removed.
    let parameters: [String: String]

    init(_ text: String?, default fallback: String) {
        guard let text, !text.trimmingCharacters().isEmpty else {
            value = fallback
            parameters = [:]
            return
        }
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
        value = pieces[0].trimmingCharacters().lowercased()
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let name = String(piece[..<equals]).trimmingCharacters().lowercased().replacingStar()
            var raw = String(piece[piece.index(after: equals)...]).trimmingCharacters()
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = String(raw.dropFirst().dropLast()) }
            if parameters[name] == nil { parameters[name] = raw }
        }
        self.parameters = parameters
    }

    /// `type/subtype`'s type, e.g. `multipart`.
    var mainType: String { String(value.split(separator: "/").first ?? "") }
}

extension String {
    /// `filename*` (RFC 2231) is read as `filename`.
    fileprivate func replacingStar() -> String { hasSuffix("*") ? String(dropLast()) : self }
}
