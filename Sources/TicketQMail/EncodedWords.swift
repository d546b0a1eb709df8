import Foundation

/// RFC 2047 encoded words in header values: `=?charset?B?…?=` and `=?charset?Q?…?=`.
/// Whitespace between two adjacent encoded words is dropped, as the RFC requires.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var result = ""
        var rest = Substring(value)
        var pendingSpace = ""
        var lastWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            guard let word = parseWord(afterStart) else {
                result += pendingSpace + before + "=?"
                pendingSpace = ""
                rest = afterStart
                lastWasEncoded = false
                continue
            }
            if lastWasEncoded && before.allSatisfy({ $0 == " " || $0 == "\t" }) {
                // adjacent encoded words: drop the space between them
            } else {
                result += pendingSpace + before
            }
            pendingSpace = ""
            result += word.text
            rest = word.rest
            lastWasEncoded = true
        }
        return result + pendingSpace + rest
    }

    private static func parseWord(_ text: Substring) -> (text: String, rest: Substring)? {
        let parts = text.split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let charset = parts[0].split(separator: "*").first.map(String.init) ?? ""  // RFC 2231 language suffix
        let encoding = parts[1].uppercased()
        guard let end = parts[2].range(of: "?=") else { return nil }
        let payload = Array(parts[2][..<end.lowerBound].utf8)
        let bytes: [UInt8]
        switch encoding {
        case "B": bytes = TransferEncoding.base64(payload)
        case "Q": bytes = TransferEncoding.quotedPrintable(payload, underscoreIsSpace: true)
        default: return nil
        }
        return (Charset.decode(bytes, charset: charset).text, parts[2][end.upperBound...])
    }
}
