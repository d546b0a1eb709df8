import TicketQCore

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
            let trimmed = line.trimmingBlanks()
            let lower = trimmed.lowercased()
            if trimmed.hasPrefix(">") { index += 1; continue }
            if line == "-- " || trimmed == "--" || trimmed == "—" { break scan }
            if isHistoryMarker(lower, next: index + 1 < lines.count ? lines[index + 1] : nil) { break scan }
            if isFooter(lower) { break scan }
            kept.append(line)
            index += 1
        }
        return String(withoutSalutations(kept).joined(separator: "\n").trimmingBlanksAndNewlines())
    }

    /// Drops a greeting line at the top ("Hi,", "Dear Customer Service,") and a sign-off at the
    /// bottom ("Best regards," and a name), which say nothing about the request but sway the
    /// classifier (a "Dear Customer Service" greeting reads like a contact request). A message
    /// that is nothing but a greeting keeps it.
    private static func withoutSalutations(_ lines: [Substring]) -> [Substring] {
        var lines = lines
        let nonEmpty = lines.indices.filter { !lines[$0].trimmingBlanks().isEmpty }
        guard nonEmpty.count >= 2 else { return lines }
        if let last = nonEmpty.suffix(3).first(where: { isSignOff(lines[$0]) }), last != nonEmpty.first {
            let trailing = nonEmpty.filter { $0 > last }
            if trailing.allSatisfy({ lines[$0].split(separator: " ").count <= 4 }) { lines.removeSubrange(last...) }
        }
        if let first = nonEmpty.first, first < lines.count, isGreeting(lines[first]),
           lines.indices.contains(where: { $0 > first && !lines[$0].trimmingBlanks().isEmpty }) {
            lines.removeSubrange(...first)
        }
        return lines
    }

    private static let greetings = ["hi", "hello", "hey", "dear", "good morning", "good afternoon", "good evening", "greetings", "hi there", "hello there"]
    private static let signOffs = [
        "thanks", "thank you", "many thanks", "thanks a lot", "best regards", "kind regards", "regards", "cheers", "best",
        "sincerely", "yours sincerely", "best wishes", "warm regards", "all the best", "thx",
    ]

    private static func isGreeting(_ line: Substring) -> Bool {
        let lower = line.trimmingBlanks().lowercased()
        guard lower.split(separator: " ").count <= 5, !lower.hasSuffix("?") else { return false }
        return greetings.contains { lower == $0 || lower.hasPrefix($0 + " ") || lower.hasPrefix($0 + ",") || lower.hasPrefix($0 + "!") }
    }

    private static func isSignOff(_ line: Substring) -> Bool {
        let lower = line.trimmingBlanks().lowercased().trimmingScalars { $0 == "," || $0 == "." || $0 == "!" }
        return signOffs.contains { lower == $0 || (lower.hasPrefix($0 + " ") && lower.split(separator: " ").count <= 4) }
    }

    private static func isHistoryMarker(_ lower: String, next: Substring?) -> Bool {
        if lower.hasPrefix("-----original message-----") || lower.hasPrefix("----- original message -----") { return true }
        if lower.hasPrefix("---------- forwarded message") || lower.hasPrefix("begin forwarded message") { return true }
        if lower.hasPrefix("________________________________") { return true }
        if lower.hasPrefix("on ") && (lower.hasSuffix("wrote:") || (next?.trimmingBlanks().lowercased().hasSuffix("wrote:") ?? false)) {
            return true
        }
        if lower.hasSuffix("wrote:") && lower.count < 200 && (lower.contains("@") || lower.contains(",")) { return true }
        if lower.hasPrefix("le ") && lower.hasSuffix("a écrit :") { return true }
        if lower.hasPrefix("am ") && lower.hasSuffix("schrieb:") { return true }
        if lower.hasPrefix("from:"), let next, next.trimmingBlanks().lowercased().hasPrefix("sent:") || next.trimmingBlanks().lowercased().hasPrefix("date:") {
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
