/// The most UTF-8 bytes kept of a ticket's subject and of its body; longer text is cut on a
/// `Character` boundary and the ticket is flagged `truncated` rather than rejected.
public struct TicketTextLimit: Sendable, Hashable, CustomStringConvertible {
    /// The limit in UTF-8 bytes, at least 1.
    public let bytes: Int

    /// 64 KiB.
    public static let `default` = TicketTextLimit(uncheckedBytes: 64 * 1024)

    /// Creates a limit; nil unless `bytes` is at least 1.
    public init?(bytes: Int) {
        guard bytes >= 1 else { return nil }
        self.bytes = bytes
    }

    private init(uncheckedBytes: Int) {
        bytes = uncheckedBytes
    }

    public var description: String { "\(bytes) bytes" }

    /// `text` cut to at most ``bytes`` UTF-8 bytes without splitting a `Character` (an emoji
    /// sequence or a letter with its combining marks stays whole or goes whole).
    ///
    /// - Returns: the text and whether anything was cut.
    public func apply(to text: String) -> (text: String, truncated: Bool) {
        let utf8 = text.utf8
        guard utf8.count > bytes else { return (text, false) }
        let limitIndex = utf8.index(utf8.startIndex, offsetBy: bytes)
        // Character-based String operations round an index down to the start of the Character
        // that contains it: stepping forward then back lands on that start.
        let characterStart = text.index(before: text.index(after: limitIndex))
        return (String(text[..<characterStart]), true)
    }
}
