import Foundation

/// Keeps only what the customer wrote in this message: drops quoted history ("> " lines, the
/// "On … wrote:" line, Outlook's "-----Original Message-----" and "From: … Sent: …" blocks,
/// forwarded-message markers and what follows), signatures (after "-- "), mobile footers
/// ("Sent from my iPhone", …) and disclaimers.
enum ReplyExtractor {
    static func newText(_ text: String) -> String {
        var kept: [Substring] = []
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        scan: while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let lower = trimmed.lowercased()
            if trimmed.hasPrefix(">") { index += 1; continue }
            if line == "-- " || trimmed == "--" || trimmed == "—" { break scan }
            if isHistoryMarker(lower, next: index + 1 < lines.count ? lines[index + 1] : nil) { break scan }
            if isFooter(lower) { break scan }
            kept.append(line)
            index += 1
        }
        // A greeting-only or empty result keeps the original text rather than nothing.
        let result = kept.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        return result
    }

    private static func isHistoryMarker(_ lower: String, next: Substring?) -> Bool {
        if lower.hasPrefix("-----original message-----") || lower.hasPrefix("----- original message -----") { return true }
        if lower.hasPrefix("---------- forwarded message") || lower.hasPrefix("begin forwarded message") { return true }
        if lower.hasPrefix("________________________________") { return true }
        if lower.hasPrefix("on ") && (lower.hasSuffix("wrote:") || (next?.lowercased().trimmingCharacters(in: .whitespaces).hasSuffix("wrote:") ?? false)) {
            return true
        }
        if lower.hasSuffix("wrote:") && lower.count < 200 && (lower.contains("@") || lower.contains(",")) { return true }
        if lower.hasPrefix("le ") && lower.hasSuffix("a écrit :") { return true }
        if lower.hasPrefix("am ") && lower.hasSuffix("schrieb:") { return true }
        if lower.hasPrefix("from:"), let next, next.lowercased().trimmingCharacters(in: .whitespaces).hasPrefix("sent:") || next.lowercased().trimmingCharacters(in: .whitespaces).hasPrefix("date:") {
            return true
        }
        return false
    }

    private static let footers = [
        "sent from my iphone", "sent from my ipad", "sent from my android", "sent from my samsung", "sent from my galaxy",
        "sent from my mobile", "sent from my phone", "sent from outlook", "get outlook for ios", "get outlook for android",
        "sent from yahoo mail", "sent from mail for windows", "sent via the samsung", "sent with proton mail",
        "this email and any attachments", "this e-mail and any attachments", "this message and any attachments",
        "confidentiality notice", "disclaimer:", "this email is confidential", "this e-mail is confidential",
        "the information contained in this", "please consider the environment before printing",
    ]

    private static func isFooter(_ lower: String) -> Bool {
        footers.contains { lower.hasPrefix($0) }
    }
}
