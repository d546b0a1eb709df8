import TicketQMail

/// Odd real-world messages (mbox copies, RFC 2231 parameters, broken multiparts, missing blank
/// lines, odd folding), each with the defects it has and the text a lenient parser recovers from
/// it. The expected texts were checked against Python's `email` package (`policy.default`,
/// `get_body(preferencelist=("plain",)).get_content()`, stripped), which recovers the same text.
enum OddMailCorpus {
    struct Case: Sendable, CustomStringConvertible {
        let name: String
        let defects: [MIMEDefect]
        let raw: String
        let text: String
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "mboxFromLine", defects: [.mboxFromLine],
            raw: """
            From ann@example.com Mon Nov 23 09:00:00 2026
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Parcel
            Message-ID: <odd-1@example.com>

            Where is my parcel? The tracking has not moved.

            """,
            text: "Where is my parcel? The tracking has not moved."
        ),
        Case(
            name: "rfc2231Boundary", defects: [.rfc2231Parameter],
            raw: """
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Ring size
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary*=us-ascii''abc

            --abc
            Content-Type: text/plain; charset=us-ascii

            Can I exchange the ring for a smaller size?
            --abc--

            """,
            text: "Can I exchange the ring for a smaller size?"
        ),
        Case(
            name: "rfc2231ContinuedCharset", defects: [.rfc2231Parameter],
            raw: """
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Bestellung
            MIME-Version: 1.0
            Content-Type: multipart/mixed;
            \u{20}boundary*0*=us-ascii'en'part%2D;
            \u{20}boundary*1=one

            --part-one
            Content-Type: text/plain; charset*=iso-8859-1''%69so-8859-1
            Content-Transfer-Encoding: quoted-printable

            Ich m=F6chte meine Bestellung stornieren.
            --part-one
            Content-Type: application/pdf;
            \u{20}name*0*=utf-8''Rechnung%20M%C3%A4rz;
            \u{20}name*1=".pdf"
            Content-Disposition: attachment
            Content-Transfer-Encoding: base64

            JVBERi0xLjQK
            --part-one--

            """,
            text: "Ich möchte meine Bestellung stornieren."
        ),
        Case(
            name: "unterminatedMultipart", defects: [.unterminatedMultipart],
            raw: """
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Refund
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="zz"

            --zz
            Content-Type: text/plain

            I returned the necklace two weeks ago and I am still waiting for my refund.

            """,
            text: "I returned the necklace two weeks ago and I am still waiting for my refund."
        ),
        Case(
            name: "reusedBoundary", defects: [.reusedBoundary],
            raw: """
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Wrong colour
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="same"

            --same
            Content-Type: multipart/alternative; boundary="same"

            --same
            Content-Type: text/plain; charset=utf-8

            The bracelet I received is silver but I ordered gold.
            --same
            Content-Type: text/html; charset=utf-8

            <p>The bracelet I received is silver but I ordered gold.</p>
            --same--

            --same--

            """,
            text: "The bracelet I received is silver but I ordered gold."
        ),
        Case(
            name: "missingHeaderSeparator", defects: [.missingHeaderSeparator],
            raw: """
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Address
            Hello, I want to change the shipping address of my order to 5 High Street.
            The old one is wrong.

            """,
            text: "Hello, I want to change the shipping address of my order to 5 High Street.\nThe old one is wrong."
        ),
        Case(
            name: "partWithoutSeparator", defects: [.missingHeaderSeparator],
            raw: """
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Earrings
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=b1

            --b1
            Content-Type: text/plain; charset=utf-8
            One of the earrings was missing from the box.
            --b1--

            """,
            text: "One of the earrings was missing from the box."
        ),
        Case(
            name: "firstHeaderLineFolded", defects: [.malformedFolding],
            raw: """
            \u{20} X-Spool-Note: queued
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Cancel

            I want to cancel my order, I ordered the same ring twice.

            """,
            text: "I want to cancel my order, I ordered the same ring twice."
        ),
        Case(
            name: "whitespaceSeparatorLine", defects: [.malformedFolding, .missingHeaderSeparator],
            raw: """
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Invoice
            \u{20}
            How can I get an invoice for my last order?

            """,
            text: "How can I get an invoice for my last order?"
        ),
        Case(
            name: "everyDefectAtOnce", defects: [.mboxFromLine, .malformedFolding, .rfc2231Parameter, .reusedBoundary, .missingHeaderSeparator, .unterminatedMultipart],
            raw: """
            From MAILER-DAEMON Tue Nov 24 10:00:00 2026
            \t(spool continuation)
            From: Ann Lee <ann@example.com>
            To: care@mejurn.example
            Subject: Broken clasp
            Content-Type: multipart/mixed; boundary*=''outer

            --outer
            Content-Type: multipart/alternative; boundary=outer

            --outer
            Content-Type: text/plain
            The clasp broke on the first day, can I get a replacement?

            """,
            text: "The clasp broke on the first day, can I get a replacement?"
        ),
    ]
}
