/// Real-world-shaped messages: reply styles of the common clients, encodings and charsets.
enum MailFixtures {
    /// Joins lines with CRLF, as mail is sent.
    static func crlf(_ text: String) -> [UInt8] {
        Array(text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n").utf8)
    }

    static let gmailReply = crlf("""
        Received: by mx.mejurn.example with SMTP id a1; Mon, 23 Nov 2026 09:15:02 +0000
        Received: from mail-sor-f41.google.com by relay.example; Mon, 23 Nov 2026 09:14:59 +0000
        From: Ann Lee <ann.lee@gmail.example>
        To: Mejurn Care <care@mejurn.example>
        Subject: Re: Your order MJ-20418 has shipped
        Date: Mon, 23 Nov 2026 10:14:55 +0100
        Message-ID: <CAF=abc123@mail.gmail.com>
        In-Reply-To: <ship-20418@mejurn.example>
        References: <order-20418@mejurn.example> <ship-20418@mejurn.example>
        MIME-Version: 1.0
        Content-Type: multipart/alternative; boundary="000000000000a1b2c3"

        --000000000000a1b2c3
        Content-Type: text/plain; charset="UTF-8"
        Content-Transfer-Encoding: quoted-printable

        Hi,

        My parcel never arrived. The tracking hasn=E2=80=99t moved since last week.

        Thanks,
        Ann

        On Fri, 20 Nov 2026 at 16:02, Mejurn <care@mejurn.example> wrote:
        > Your order MJ-20418 has shipped.
        > Track it here.

        --000000000000a1b2c3
        Content-Type: text/html; charset="UTF-8"

        <div dir="ltr">Hi,<br><br>My parcel never arrived.</div><div class="gmail_quote">On Fri wrote:<blockquote>Your order has shipped</blockquote></div>
        --000000000000a1b2c3--
        """)

    static let outlookReply = crlf("""
        From: =?iso-8859-1?Q?Ren=E9e_M=FCller?= <renee@outlook.example>
        To: support@pandorana.example
        Subject: =?iso-8859-1?Q?Bestellung_=E4ndern?= please
        Date: Tue, 24 Nov 2026 08:30:00 -0500
        Message-ID: <AM0PR01MB1234@eurprd01.prod.outlook.com>
        Content-Type: text/plain; charset="iso-8859-1"
        Content-Transfer-Encoding: quoted-printable

        Hello,

        I would like to change the shipping address of order #104522 to my office.=20
        Caf=E9 Street 5.

        Ren=E9e

        ________________________________
        From: Pandorana <support@pandorana.example>
        Sent: Monday, November 23, 2026 4:00 PM
        To: Ren=E9e M=FCller
        Subject: Your order

        Thank you for your order.
        """)

    static let appleMailHTMLOnlyBase64 = crlf("""
        From: "Sam" <sam@icloud.example>
        To: "Care" <CARE@MEJURN.EXAMPLE>
        Subject: Wrong item
        Date: Wed, 25 Nov 2026 12:00:00 GMT
        Message-Id: <5F1A-APPLE@icloud.example>
        Content-Type: text/html; charset=windows-1252
        Content-Transfer-Encoding: base64

        \(base64Of(windows1252: "<html><body><p>I received the wrong item \u{2013} a ring instead of earrings.</p><p>Sent from my iPhone</p><blockquote type=\"cite\">Order confirmed</blockquote></body></html>"))
        """)

    static let withAttachment = crlf("""
        From: kim@example.org
        To: care@mejurn.example
        Subject: Damaged necklace
        Message-ID: <att-1@example.org>
        Content-Type: multipart/mixed; boundary=XYZ

        --XYZ
        Content-Type: text/plain

        The clasp arrived broken, photo attached.
        --
        Kim Example
        Head of Things
        --XYZ
        Content-Type: image/jpeg; name="clasp.jpg"
        Content-Disposition: attachment; filename="clasp.jpg"
        Content-Transfer-Encoding: base64

        /9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////
        --XYZ--
        """)

    static let forwarded = crlf("""
        From: lee@example.net
        To: support@pandorana.example
        Subject: Fwd: Order confirmation
        Message-ID: <fwd-7@example.net>

        Can you cancel this order please? I ordered twice by mistake.

        ---------- Forwarded message ---------
        From: Pandorana <orders@pandorana.example>
        Subject: Order confirmation
        Your order number is PND-88123.
        """)

    static let noMessageID = crlf("""
        From: x@example.com
        To: support@pandorana.example
        Subject: hello
        Date: 26 Nov 26 09:00 EST

        Where is my order?
        """)

    static func base64Of(windows1252 text: String) -> String {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x2013: bytes.append(0x96)
            case 0x2019: bytes.append(0x92)
            case 0..<256: bytes.append(UInt8(scalar.value))
            default: bytes.append(UInt8(ascii: "?"))
            }
        }
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = Array(bytes[index..<min(index + 3, bytes.count)])
            let value = (UInt32(chunk[0]) << 16) | (chunk.count > 1 ? UInt32(chunk[1]) << 8 : 0) | (chunk.count > 2 ? UInt32(chunk[2]) : 0)
            output.append(alphabet[Int(value >> 18 & 63)])
            output.append(alphabet[Int(value >> 12 & 63)])
            output.append(chunk.count > 1 ? alphabet[Int(value >> 6 & 63)] : UInt8(ascii: "="))
            output.append(chunk.count > 2 ? alphabet[Int(value & 63)] : UInt8(ascii: "="))
            index += 3
            if index % 57 == 0 { output.append(0x0A) }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
