import Foundation
import TicketQCore
import TicketQMail
import TicketQTriage
import Testing

/// Odd real-world messages are recovered, not quarantined: the customer's text is the text a
/// lenient parser recovers, and each message's defects are named on the parse result.
struct OddMailCorpusTests {
    let parser = InboundEmailParser()

    @Test(arguments: OddMailCorpus.cases)
    func theCustomerTextIsRecoveredAndTheDefectsNamed(_ odd: OddMailCorpus.Case) throws {
        for raw in [Array(odd.raw.utf8), MailFixtures.crlf(odd.raw)] {
            let mail = try parser.parse(raw)
            #expect(mail.text == odd.text)
            #expect(Set(mail.defects) == Set(odd.defects), "defects \(mail.defects.map(\.rawValue))")
            #expect(mail.defects.count == Set(mail.defects).count, "each defect once")
            #expect(mail.recipients == ["care@mejurn.example"])
        }
    }

    @Test func wellFormedMailHasNoDefects() throws {
        for raw in [MailFixtures.gmailReply, MailFixtures.outlookReply, MailFixtures.withAttachment, MailFixtures.forwarded] {
            #expect(try parser.parse(raw).defects == [])
        }
    }

    @Test func rfc2231FilenamesAreDecodedAcrossSections() throws {
        let odd = try #require(OddMailCorpus.cases.first { $0.name == "rfc2231ContinuedCharset" })
        let mail = try parser.parse(Array(odd.raw.utf8))
        #expect(mail.attachments.map(\.filename) == ["Rechnung März.pdf"])
    }

    @Test func badRFC2231EscapesAreRecordedAndKeptAsWritten() throws {
        let raw = Array("""
            From: a@example.com
            Subject: Photo
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            The stone fell out, see the photo.
            --b
            Content-Type: image/jpeg; name*=utf-8''broken%G1.jpg
            Content-Disposition: attachment

            --b--
            """.utf8)
        let mail = try parser.parse(raw)
        #expect(mail.text == "The stone fell out, see the photo.")
        #expect(mail.attachments.map(\.filename) == ["broken%G1.jpg"])
        #expect(mail.defects == [.rfc2231Parameter, .malformedRFC2231Parameter])
    }

    @Test func defectsWithoutAnyCustomerTextAreStillRejected() {
        let raw = Array("""
            From MAILER-DAEMON Tue Nov 24 10:00:00 2026
            From: a@example.com
            Content-Type: multipart/mixed; boundary=x

            --x
            Content-Type: multipart/related; boundary=x

            --x
            Content-Type: image/png
            Content-Disposition: attachment; filename*=''scan.png

            iVBORw0KGgo=
            """.utf8)
        #expect(throws: MailParseError.noText) { try parser.parse(raw) }
    }

    /// The recovered text reaches the shipped classifier as the customer wrote it.
    @Test func recoveredTextIsTriaged() throws {
        let data = WrappedRequestTests.repository.appendingPathComponent("data")
        let model = try ModelFile.load(path: data.appendingPathComponent("triage-model.bin").path)
        let expected = [
            "mboxFromLine": "track_order", "unterminatedMultipart": "track_refund",
            "firstHeaderLineFolded": "cancel_order", "whitespaceSeparatorLine": "get_invoice",
        ]
        var predicted: [String: String] = [:]
        for odd in OddMailCorpus.cases where expected[odd.name] != nil {
            predicted[odd.name] = model.predict(try parser.parse(Array(odd.raw.utf8)).text).intent
        }
        #expect(predicted == expected)
    }
}
