/// Why a raw message could not become a ticket's text.
public enum MailParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message is larger than the limit.
    case tooLarge(bytes: Int, limit: Int)
    /// The message is empty.
    case empty
    /// No header block: the message does not start with `Name: value` lines.
    case noHeaders
    /// The message's first line (after any mbox `From ` line or stray continuation lines) is
    /// not `Name: value`, so it has no header block (the line number within the message). A later
    /// line that is not a field ends the headers instead (``MIMEDefect/missingHeaderSeparator``).
    case malformedHeader(line: Int)
    /// The MIME structure is broken (a missing boundary, nesting too deep, …).
    case brokenMIME(String)
    /// No part holds text the customer wrote.
    case noText
    /// The bytes look like binary data, not a mail message.
    case binary

    public var description: String {
        switch self {
        case let .tooLarge(bytes, limit): "message is \(bytes) bytes; at most \(limit) are accepted"
        case .empty: "message is empty"
        case .noHeaders: "no header block: a message starts with header lines such as \"From: …\""
        case let .malformedHeader(line): "header line \(line) is not \"Name: value\""
        case let .brokenMIME(reason): "broken MIME structure: \(reason)"
        case .noText: "no text part the customer wrote (only attachments or empty parts)"
        case .binary: "the data is binary, not a mail message"
        }
    }
}
