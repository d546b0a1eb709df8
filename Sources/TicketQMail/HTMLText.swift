import Foundation

/// Turns an HTML body into plain text: tags dropped, `<script>`/`<style>`/`<head>` content
/// dropped, block elements and `<br>` as line breaks, entities decoded, and quoted history
/// (`<blockquote>`, Gmail's `gmail_quote`, Outlook's `divRplyFwdMsg`) marked with "> " so that
/// reply extraction removes it like a plain-text quote.
enum HTMLText {
    static func text(_ html: String) -> String {
        var output = ""
        var quoteDepth = 0
        var atLineStart = true
        var index = html.startIndex
        func emit(_ text: String) {
            for character in text {
                if character == "\n" {
                    output.append("\n")
                    atLineStart = true
                    continue
                }
                if atLineStart && quoteDepth > 0 { output += String(repeating: "> ", count: quoteDepth) }
                atLineStart = false
                output.append(character)
            }
        }
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: index)..<close].lowercased()
                let name = String(tag.drop { $0 == "/" }.prefix { $0.isLetter || $0.isNumber })
                let closing = tag.hasPrefix("/")
                index = html.index(after: close)
                if !closing, ["script", "style", "head", "title"].contains(name) {
                    if let end = html[index...].range(of: "</\(name)", options: .caseInsensitive) {
                        index = html[end.upperBound...].firstIndex(of: ">").map { html.index(after: $0) } ?? html.endIndex
                    }
                    continue
                }
                let quoteMarker = name == "blockquote" || (name == "div" && (tag.contains("gmail_quote") || tag.contains("divrplyfwdmsg")))
                if quoteMarker {
                    if closing { quoteDepth = max(0, quoteDepth - 1) } else { emit("\n"); quoteDepth += 1 }
                }
                if ["br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "hr"].contains(name) { emit("\n") }
                continue
            }
            if character == "&", let semicolon = html[index...].prefix(12).firstIndex(of: ";") {
                let entity = String(html[html.index(after: index)..<semicolon])
                if let decoded = decodeEntity(entity) {
                    emit(decoded)
                    index = html.index(after: semicolon)
                    continue
                }
            }
            emit(character == "\r" || character == "\n" || character == "\t" ? " " : String(character))
            index = html.index(after: index)
        }
        return collapse(output)
    }

    private static func decodeEntity(_ entity: String) -> String? {
        switch entity.lowercased() {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return " "
        case "rsquo", "lsquo": return "\u{2019}"
        case "ldquo", "rdquo": return "\""
        case "hellip": return "…"
        case "ndash": return "–"
        case "mdash": return "—"
        case "euro": return "€"
        case "pound": return "£"
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let value = UInt32(entity.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                return String(scalar)
            }
            if entity.hasPrefix("#"), let value = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(value) {
                return String(scalar)
            }
            return nil
        }
    }

    /// Runs of spaces become one; more than one empty line in a row becomes one.
    private static func collapse(_ text: String) -> String {
        var lines: [String] = []
        var blank = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let squeezed = line.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            if squeezed.isEmpty || squeezed.allSatisfy({ $0 == ">" || $0 == " " }) {
                blank += 1
                if blank > 1 { continue }
            } else {
                blank = 0
            }
            lines.append(squeezed)
        }
        return lines.joined(separator: "\n").trimmingCharacters()
    }
}
