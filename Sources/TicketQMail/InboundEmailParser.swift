import TicketQCore

/// Parses one raw RFC 5322 / MIME message into an ``InboundEmail``.
///
/// Lenient where mail is commonly sloppy, recording each ``MIMEDefect`` it recovers from (an mbox
/// `From ` line, RFC 2231 parameters, unclosed or reused boundaries, no blank line after the
/// headers, odd folding; besides bare LF line ends, unknown charsets and bad quoted-printable),
/// and strict where continuing would be guessing: no header block, a multipart whose boundary
/// never appears, binary data, and a message with no customer text at all. Pure: no I/O.
public struct InboundEmailParser: Sendable {
    /// Raw messages up to 35 MB are accepted (photos of damaged jewellery).
    public static let defaultSizeLimit = 35 * 1024 * 1024

    /// The largest raw message accepted.
    public var sizeLimit: Int

    /// Creates a parser.
    public init(sizeLimit: Int = Self.defaultSizeLimit) {
        self.sizeLimit = sizeLimit
    }

    /// Parses a message.
    /// - Throws: ``MailParseError`` naming what is wrong.
    public func parse(_ raw: [UInt8]) throws(MailParseError) -> InboundEmail {
        guard !raw.isEmpty else { throw .empty }
        guard raw.count <= sizeLimit else { throw .tooLarge(bytes: raw.count, limit: sizeLimit) }
        var defects = DefectLog()
        let block = try HeaderBlockReader.read(raw[...], requireHeaders: true, defects: &defects)
        if raw[..<block.headerEnd].contains(0) { throw .binary }
        let headers = block.headers
        guard !headers.fields.isEmpty else { throw .noHeaders }
        var walker = MIMEWalker()
        walker.defects = defects
        try walker.walk(headers: headers, body: block.body)

        let subject = headers["Subject"].map(EncodedWords.decode).map { $0.trimmingCharacters() }.flatMap { $0.isEmpty ? nil : $0 }
        let full = walker.plain.isEmpty ? walker.html.map(HTMLText.text).joined(separator: "\n\n") : walker.plain.joined(separator: "\n\n")
        let text = ReplyExtractor.newText(full.replacingLineEnds())
        guard !text.isEmpty || subject != nil else { throw .noText }

        let messageID = headers["Message-ID"].flatMap { $0.isEmpty ? nil : $0 }
        let received = headers.all("Received").lazy.compactMap(MailDate.parseReceived).first ?? headers["Date"].flatMap(MailDate.parse)
        var recipients: [String] = []
        for name in ["Delivered-To", "X-Original-To", "To", "Cc"] {
            for value in headers.all(name) { recipients += MailAddress.addresses(in: value) }
        }
        return InboundEmail(
            messageID: messageID,
            ticketID: MailTicketID.make(messageID: messageID, raw: raw),
            from: headers["From"].map(EncodedWords.decode),
            recipients: recipients,
            subject: subject,
            text: text,
            receivedAt: received,
            inReplyTo: headers["In-Reply-To"].flatMap { $0.isEmpty ? nil : $0 },
            references: headers["References"].map { $0.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init) } ?? [],
            orderID: OrderNumber.find(in: [subject, full]),
            attachments: walker.attachments,
            charsetFallback: walker.charsetFallback,
            defects: walker.defects.defects
        )
    }
}

extension String {
    /// CRLF and lone CR as LF.
    fileprivate func replacingLineEnds() -> String {
        guard utf8.contains(UInt8(ascii: "\r")) else { return self }
        // By bytes: rebuilding the string scalar by scalar cost 11 % of the intake's CPU per email.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var afterCR = false
        for byte in utf8 {
            if byte == UInt8(ascii: "\r") {
                bytes.append(UInt8(ascii: "\n"))
                afterCR = true
            } else {
                if !(afterCR && byte == UInt8(ascii: "\n")) { bytes.append(byte) }
                afterCR = false
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
