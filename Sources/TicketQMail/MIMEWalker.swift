/// Walks a MIME tree, collecting the text parts a customer wrote and noting attachments.
struct MIMEWalker {
    static let maximumDepth = 20

    private(set) var plain: [String] = []
    private(set) var html: [String] = []
    private(set) var attachments: [AttachmentNote] = []
    private(set) var charsetFallback = false
    /// What was wrong and recovered from.
    var defects = DefectLog()
    /// The boundaries of the enclosing multiparts.
    private var boundaries: [String] = []

    mutating func walk(headers: MailHeaders, body: ArraySlice<UInt8>, depth: Int = 0) throws(MailParseError) {
        guard depth <= Self.maximumDepth else { throw .brokenMIME("parts nested more than \(Self.maximumDepth) levels deep") }
        let type = HeaderParameters(headers["Content-Type"], default: "text/plain")
        let disposition = HeaderParameters(headers["Content-Disposition"], default: "inline")
        if type.usedRFC2231 || disposition.usedRFC2231 { defects.record(.rfc2231Parameter) }
        if type.malformedRFC2231 || disposition.malformedRFC2231 { defects.record(.malformedRFC2231Parameter) }
        if type.mainType == "multipart" {
            guard let boundary = type.parameters["boundary"], !boundary.isEmpty else {
                throw .brokenMIME("\(type.value) without a boundary parameter")
            }
            if boundaries.contains(boundary) {
                // The enclosing multipart's split already took this one's parts (they follow it as
                // siblings), so its own body holds no delimiter.
                defects.record(.reusedBoundary)
                return
            }
            let (parts, closed) = try Self.split(body, boundary: boundary)
            if !closed { defects.record(.unterminatedMultipart) }
            boundaries.append(boundary)
            defer { boundaries.removeLast() }
            if type.value == "multipart/alternative" {
                try walkAlternative(parts, depth: depth)
            } else {
                for part in parts { try walk(part, depth: depth + 1) }
            }
            return
        }
        let filename = disposition.parameters["filename"] ?? type.parameters["name"]
        let isText = type.value == "text/plain" || type.value == "text/html"
        if disposition.value == "attachment" || !isText {
            let decoded = TransferEncoding.decode(body, encoding: headers["Content-Transfer-Encoding"])
            attachments.append(AttachmentNote(contentType: type.value, filename: filename.map(EncodedWords.decode), bytes: decoded.count))
            return
        }
        let decoded = TransferEncoding.decode(body, encoding: headers["Content-Transfer-Encoding"])
        let (text, fallback) = Charset.decode(decoded, charset: type.parameters["charset"])
        charsetFallback = charsetFallback || fallback
        if type.value == "text/html" { html.append(text) } else { plain.append(text) }
    }

    private mutating func walk(_ part: ArraySlice<UInt8>, depth: Int) throws(MailParseError) {
        let block = try HeaderBlockReader.read(part, requireHeaders: false, defects: &defects)
        try walk(headers: block.headers, body: block.body, depth: depth)
    }

    /// The plain-text alternative when it has text, else the HTML one, else the first.
    private mutating func walkAlternative(_ parts: [ArraySlice<UInt8>], depth: Int) throws(MailParseError) {
        var candidates: [MIMEWalker] = []
        for part in parts {
            var child = MIMEWalker()
            child.boundaries = boundaries
            try child.walk(part, depth: depth + 1)
            defects.record(contentsOf: child.defects)
            candidates.append(child)
        }
        let chosen = candidates.first { $0.plain.contains { !$0.trimmingCharacters().isEmpty } }
            ?? candidates.first { $0.html.contains { !$0.trimmingCharacters().isEmpty } }
            ?? candidates.first
        if let chosen {
            plain += chosen.plain
            html += chosen.html
            charsetFallback = charsetFallback || chosen.charsetFallback
        }
        for candidate in candidates { attachments += candidate.attachments }
    }

    /// The parts between `--boundary` lines (the preamble and epilogue dropped), and whether the
    /// closing `--boundary--` line was found.
    static func split(_ body: ArraySlice<UInt8>, boundary: String) throws(MailParseError) -> (parts: [ArraySlice<UInt8>], closed: Bool) {
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var partStart: Int?
        var lineStart = body.startIndex
        var sawDelimiter = false
        var closed = false
        var index = body.startIndex
        while index <= body.endIndex {
            if index == body.endIndex || body[index] == 0x0A {
                var lineEnd = index
                if lineEnd > lineStart, body[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = body[lineStart..<lineEnd]
                if line.starts(with: delimiter) {
                    let rest = line.dropFirst(delimiter.count)
                    let isClose = rest.starts(with: [0x2D, 0x2D])
                    let trailing = isClose ? rest.dropFirst(2) : rest
                    if trailing.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                        if let start = partStart {
                            // The line break before the delimiter belongs to the delimiter.
                            var end = lineStart
                            if end > start, body[end - 1] == 0x0A { end -= 1 }
                            if end > start, body[end - 1] == 0x0D { end -= 1 }
                            parts.append(body[start..<max(start, end)])
                        }
                        sawDelimiter = true
                        if isClose { closed = true; break }
                        partStart = index == body.endIndex ? body.endIndex : index + 1
                    }
                }
                lineStart = index + 1
            }
            index += 1
        }
        guard sawDelimiter else { throw .brokenMIME("the boundary \"\(boundary.prefix(70))\" never appears in the body") }
        if !closed, let start = partStart, start < body.endIndex { parts.append(body[start...]) }
        return (parts, closed)
    }
}
