/// Something wrong (or unusual) that the lenient parse recovered from. The raw values are stable
/// snake_case names, meant to be recorded with a message's outcome (`mime_defects`).
public enum MIMEDefect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The message starts with an mbox `From ` envelope line (copied out of an archive or
    /// spool); the line was skipped.
    case mboxFromLine = "mbox_from_line"
    /// A `Content-Type` or `Content-Disposition` parameter uses RFC 2231 syntax (`name*=`,
    /// `name*0*=`). Valid, but many parsers misread it, so it explains a message that looks
    /// broken elsewhere; the value was decoded.
    case rfc2231Parameter = "rfc2231_parameter"
    /// An RFC 2231 parameter could not be decoded exactly (a bad `%` escape, a missing
    /// continuation section, an unknown charset); the best reading was kept.
    case malformedRFC2231Parameter = "malformed_rfc2231_parameter"
    /// A multipart has no closing `--boundary--` line; its last part runs to the end of the body.
    case unterminatedMultipart = "unterminated_multipart"
    /// A nested multipart declares the same boundary as an enclosing one, so the enclosing
    /// multipart's split already took its parts; they were read as the enclosing one's parts.
    case reusedBoundary = "reused_boundary"
    /// A line that is not a header field (and not blank) ends the header block: the blank line
    /// between headers and body is missing, and the body starts at that line.
    case missingHeaderSeparator = "missing_header_separator"
    /// A header block is folded oddly: it starts with a continuation line, or a continuation
    /// line holds only white space; such lines were skipped.
    case malformedFolding = "malformed_folding"

    public var description: String { rawValue }
}
