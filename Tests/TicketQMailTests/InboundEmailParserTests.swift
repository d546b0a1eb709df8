import TicketQCore
import TicketQMail
import Testing

struct InboundEmailParserTests {
    private let parser = InboundEmailParser()

    @Test func gmailReplyKeepsOnlyTheNewPlainText() throws {
        let mail = try parser.parse(MailFixtures.gmailReply)
        #expect(mail.text == "My parcel never arrived. The tracking hasn\u{2019}t moved since last week.", "greeting and sign-off dropped")
        #expect(mail.messageID == "<CAF=abc123@mail.gmail.com>")
        #expect(mail.ticketID.hasPrefix("m-") && mail.ticketID.count == 34)
        #expect(mail.recipients == ["care@mejurn.example"])
        #expect(mail.subject == "Re: Your order MJ-20418 has shipped")
        #expect(mail.orderID == "MJ-20418")
        #expect(mail.inReplyTo == "<ship-20418@mejurn.example>")
        #expect(mail.references == ["<order-20418@mejurn.example>", "<ship-20418@mejurn.example>"])
        // The topmost Received hop, not the Date header.
        #expect(mail.receivedAt == (try RFC3339.parse("2026-11-23T09:15:02Z")))
        #expect(!mail.charsetFallback)
    }

    @Test func loneCarriageReturnsInTheBodyEndLinesLikeLineFeeds() throws {
        let raw = "From: ann@example.com\r\nTo: care@mejurn.example\r\nSubject: Old Mac mail\r\n\r\n"
            + "Where is my parcel?\rIt is late.\r\r> the quoted history\r> more of it\r"
        let mail = try parser.parse(Array(raw.utf8))
        #expect(mail.text == "Where is my parcel?\nIt is late.", "each CR ends a line, so the quote is recognised and dropped")
    }

    @Test func outlookReplyDecodesLatin1AndEncodedWordsAndDropsTheHistory() throws {
        let mail = try parser.parse(MailFixtures.outlookReply)
        #expect(mail.subject == "Bestellung ändern please")
        #expect(mail.from == "Renée Müller <renee@outlook.example>")
        #expect(mail.text == "I would like to change the shipping address of order #104522 to my office. \nCafé Street 5.\n\nRenée")
        #expect(mail.orderID == "104522")
        #expect(mail.receivedAt == (try RFC3339.parse("2026-11-24T13:30:00Z")))
    }

    @Test func htmlOnlyWindows1252Base64BecomesTextWithoutFooterOrQuote() throws {
        let mail = try parser.parse(MailFixtures.appleMailHTMLOnlyBase64)
        #expect(mail.text == "I received the wrong item \u{2013} a ring instead of earrings.")
        #expect(mail.recipients == ["care@mejurn.example"])
        #expect(mail.messageID == "<5F1A-APPLE@icloud.example>")
    }

    @Test func attachmentsAreNotedAndDroppedAndTheSignatureRemoved() throws {
        let mail = try parser.parse(MailFixtures.withAttachment)
        #expect(mail.text == "The clasp arrived broken, photo attached.")
        #expect(mail.attachments.count == 1)
        #expect(mail.attachments.first?.contentType == "image/jpeg")
        #expect(mail.attachments.first?.filename == "clasp.jpg")
        #expect((mail.attachments.first?.bytes ?? 0) > 20)
    }

    @Test func forwardedMessageKeepsTheCustomersNoteAndFindsTheOrder() throws {
        let mail = try parser.parse(MailFixtures.forwarded)
        #expect(mail.text == "Can you cancel this order please? I ordered twice by mistake.")
        #expect(mail.orderID == "PND-88123")
    }

    @Test func messageWithoutIDGetsAContentHashAndObsoleteDatesParse() throws {
        let mail = try parser.parse(MailFixtures.noMessageID)
        #expect(mail.messageID == nil)
        #expect(mail.ticketID.hasPrefix("c-"))
        #expect(mail.ticketID == (try parser.parse(MailFixtures.noMessageID)).ticketID, "stable")
        #expect(mail.receivedAt == (try RFC3339.parse("2026-11-26T14:00:00Z")))
        #expect(mail.text == "Where is my order?")
    }

    @Test(arguments: [
        ([UInt8](), "empty"),
        (Array("just some text without headers\n\nbody".utf8), "header line 1"),
        (Array("From: a@b\nContent-Type: multipart/mixed\n\nbody".utf8), "without a boundary"),
        (Array("From: a@b\nContent-Type: multipart/mixed; boundary=Q\n\nno parts here".utf8), "never appears"),
        (Array("From: a@b\nSubject: \n\n \n".utf8), "no text part"),
        ([0x46, 0x72, 0x00, 0x01, 0xFF, 0x3A, 0x0A, 0x0A], "binary"),
    ])
    func malformedMessagesAreRejectedWithAReason(raw: [UInt8], reason: String) {
        #expect {
            try parser.parse(raw)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    @Test func oversizedMessagesAreRejected() {
        let small = InboundEmailParser(sizeLimit: 100)
        #expect(throws: MailParseError.tooLarge(bytes: MailFixtures.gmailReply.count, limit: 100)) {
            try small.parse(MailFixtures.gmailReply)
        }
    }

    @Test func mboxSplitsAndUnescapesFromLines() {
        let mbox = Array("""
            From ann@example.com Mon Nov 23 09:00:00 2026
            From: ann@example.com
            Subject: one

            >From the start it was wrong.

            From bob@example.com Mon Nov 23 09:05:00 2026
            From: bob@example.com
            Subject: two

            second body
            """.utf8)
        let messages = MboxReader.messages(mbox)
        #expect(messages.count == 2)
        #expect(messages.map(\.line) == [1, 7])
        #expect(String(decoding: messages[0].raw, as: UTF8.self).contains("\nFrom the start it was wrong."))
        #expect(String(decoding: messages[1].raw, as: UTF8.self).hasPrefix("From: bob@example.com"))
    }
}
