/// Reads the header block at the start of a message or part, leniently: it ends at the first
/// blank line or, when that is missing, at the first line that is not a header field (read as
/// the body's first line, as RFC 5322 parsers in the wild do).
enum HeaderBlockReader {
    /// The headers, the body after them, and the index where the header block ends.
    struct Result {
        let headers: MailHeaders
        let body: ArraySlice<UInt8>
        let headerEnd: Int
    }

    /// Reads `bytes`.
    /// - Parameter requireHeaders: whether the first field line must be a header field (a whole
    ///   message) or may already be body text (a MIME part without headers).
    /// - Throws: ``MailParseError/malformedHeader(line:)`` when `requireHeaders` and no header
    ///   field comes before the first line that is not one; ``MailParseError/binary`` when that
    ///   line holds a NUL byte.
    static func read(_ bytes: ArraySlice<UInt8>, requireHeaders: Bool, defects: inout DefectLog) throws(MailParseError) -> Result {
        var fields: [(name: String, value: String)] = []
        var number = 0
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let newline = bytes[lineStart...].firstIndex(of: 0x0A)
            let next = newline.map { $0 + 1 } ?? bytes.endIndex
            var lineEnd = newline ?? bytes.endIndex
            if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = bytes[lineStart..<lineEnd]
            number += 1
            if line.isEmpty {
                return Result(headers: MailHeaders(fields: fields), body: bytes[next...], headerEnd: lineStart)
            }
            if line.first == 0x20 || line.first == 0x09 {
                let text = Charset.headerText(line).trimmingCharacters()
                if fields.isEmpty || text.isEmpty {
                    defects.record(.malformedFolding)
                } else {
                    fields[fields.count - 1].value += " " + text
                }
            } else if line.starts(with: fromPrefix) {
                // An mbox envelope line ("From " has no colon after a name, so it is never a field).
                defects.record(.mboxFromLine)
            } else if let colon = fieldColon(line) {
                let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self)
                fields.append((name, Charset.headerText(line[(colon + 1)...]).trimmingCharacters()))
            } else {
                guard !fields.isEmpty || !requireHeaders else {
                    throw line.contains(0) ? .binary : .malformedHeader(line: number)
                }
                defects.record(.missingHeaderSeparator)
                return Result(headers: MailHeaders(fields: fields), body: bytes[lineStart...], headerEnd: lineStart)
            }
            lineStart = next
        }
        return Result(headers: MailHeaders(fields: fields), body: bytes[bytes.endIndex...], headerEnd: bytes.endIndex)
    }

    private static let fromPrefix = Array("From ".utf8)

    /// The colon after a field name of printable ASCII, if the line is a field.
    private static func fieldColon(_ line: ArraySlice<UInt8>) -> Int? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
              line[line.startIndex..<colon].allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        return colon
    }
}
