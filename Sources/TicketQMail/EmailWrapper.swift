import Foundation
import TicketQCore

/// Builds realistic customer emails around a request, for measuring intake end to end (parser,
/// reply extraction and triage together): a greeting, the request, a closing, and — chosen by a
/// seeded generator — a signature, a mobile footer, a disclaimer, quoted history in Gmail or
/// Outlook style, an HTML alternative or an HTML-only body, quoted-printable or base64, and
/// UTF-8, ISO-8859-1 or Windows-1252.
public enum EmailWrapper {
    /// One wrapped message and the recipient it was sent to.
    public static func wrap(_ request: String, to recipient: String, generator: inout SplitMix64) -> [UInt8] {
        func pick<T>(_ options: [T]) -> T { options[Int(generator.next() % UInt64(options.count))] }
        let name = pick(["Ann Lee", "Renée Dubois", "José García", "Tom O'Neil", "Zoë Müller"])
        var lines: [String] = []
        let greeting = pick(["Hi,", "Hello team,", "Dear Customer Service,", "Good morning,", "Hi there", ""])
        if !greeting.isEmpty { lines += [greeting, ""] }
        lines.append(request)
        lines += ["", pick(["Thanks,", "Best regards,", "Kind regards,", "Cheers,", "Thank you,"]), name.split(separator: " ").first.map(String.init) ?? name]
        if generator.next() % 2 == 0 { lines += ["", "-- ", name, pick(["Head of Operations, Acme Ltd", "Freelance designer", "Student"]), "+44 20 7946 0000"] }
        if generator.next() % 3 == 0 { lines += ["", pick(["Sent from my iPhone", "Get Outlook for Android", "Sent from my Samsung Galaxy smartphone."])] }
        if generator.next() % 4 == 0 {
            lines += ["", "This email and any attachments are confidential and intended solely for the addressee. If you have received it in error, please delete it."]
        }
        switch generator.next() % 3 {
        case 0:
            lines += ["", "On Mon, 16 Nov 2026 at 10:02, Support <\(recipient)> wrote:", "> Thank you for contacting us.", "> We will reply within 24 hours about your order.", ">", "> Kind regards"]
        case 1:
            lines += ["", "________________________________", "From: Support <\(recipient)>", "Sent: Monday, November 16, 2026 10:02 AM",
                      "To: \(name)", "Subject: Your order", "", "Thank you for your order. Please tell us if you want to cancel or change it."]
        default:
            break
        }
        let text = lines.joined(separator: "\r\n")
        let charset = pick(["utf-8", "iso-8859-1", "windows-1252"])
        let encoding = pick(["8bit", "quoted-printable", "base64"])
        let layout = pick(["plain", "alternative", "html"])
        var header = [
            "Received: from mail.example.net by mx.example.com; Mon, 16 Nov 2026 11:00:00 +0000",
            "From: \(encodedWord(name)) <customer\(generator.next() % 100_000)@example.net>",
            "To: Support <\(recipient)>",
            "Subject: \(encodedWord(pick(["Question", "Re: Your order", "Help please", "Order enquiry", "Réclamation"])))",
            "Date: Mon, 16 Nov 2026 10:59:58 +0000",
            "Message-ID: <\(generator.next())@example.net>",
            "MIME-Version: 1.0",
        ]
        var body: [UInt8] = []
        switch layout {
        case "plain":
            header += part(type: "text/plain", charset: charset, encoding: encoding)
            body = encode(text, charset: charset, encoding: encoding)
        case "html":
            header += part(type: "text/html", charset: charset, encoding: encoding)
            body = encode(html(lines), charset: charset, encoding: encoding)
        default:
            let boundary = "b\(generator.next() % 1_000_000)"
            header.append("Content-Type: multipart/alternative; boundary=\"\(boundary)\"")
            for (type, content) in [("text/plain", text), ("text/html", html(lines))] {
                body += Array("--\(boundary)\r\n".utf8)
                body += Array((part(type: type, charset: charset, encoding: encoding).joined(separator: "\r\n") + "\r\n\r\n").utf8)
                body += encode(content, charset: charset, encoding: encoding) + Array("\r\n".utf8)
            }
            body += Array("--\(boundary)--\r\n".utf8)
        }
        return Array((header.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }

    private static func part(type: String, charset: String, encoding: String) -> [String] {
        ["Content-Type: \(type); charset=\"\(charset)\"", "Content-Transfer-Encoding: \(encoding)"]
    }

    /// The request as an HTML mail client writes it: quoted lines in a blockquote.
    private static func html(_ lines: [String]) -> String {
        var html = "<html><head><style>p{margin:0}</style></head><body><div dir=\"ltr\">"
        var quoting = false
        for line in lines {
            let escaped = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            if line.hasPrefix(">") {
                if !quoting { html += "<blockquote type=\"cite\">"; quoting = true }
                html += String(escaped.dropFirst(4)) + "<br>"
                continue
            }
            if quoting { html += "</blockquote>"; quoting = false }
            html += escaped.isEmpty ? "<br>" : "<div>\(escaped)</div>"
        }
        if quoting { html += "</blockquote>" }
        return html + "</div></body></html>"
    }

    private static func encode(_ text: String, charset: String, encoding: String) -> [UInt8] {
        let bytes: [UInt8] = charset == "utf-8" ? Array(text.utf8) : text.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : UInt8(ascii: "?") }
        switch encoding {
        case "quoted-printable": return quotedPrintable(bytes)
        case "base64": return Array(base64(bytes).utf8)
        default: return bytes
        }
    }

    private static func encodedWord(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        return "=?utf-8?B?\(base64(Array(text.utf8), lineLength: nil))?="
    }

    private static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var column = 0
        let hex = Array("0123456789ABCDEF".utf8)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0D || byte == 0x0A { output.append(byte); column = 0; continue }
            let literal = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || (byte == 0x20 && index + 1 < bytes.count && bytes[index + 1] != 0x0D)
            let piece: [UInt8] = literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            if column + piece.count > 75 { output += [UInt8(ascii: "="), 0x0D, 0x0A]; column = 0 }
            output += piece
            column += piece.count
        }
        return output
    }

    private static func base64(_ bytes: [UInt8], lineLength: Int? = 76) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let chunk = bytes[index..<min(index + 3, bytes.count)]
            let b0 = UInt32(chunk[chunk.startIndex])
            let b1 = chunk.count > 1 ? UInt32(chunk[chunk.startIndex + 1]) : 0
            let b2 = chunk.count > 2 ? UInt32(chunk[chunk.startIndex + 2]) : 0
            let value = b0 << 16 | b1 << 8 | b2
            output += [alphabet[Int(value >> 18 & 63)], alphabet[Int(value >> 12 & 63)]]
            output.append(chunk.count > 1 ? alphabet[Int(value >> 6 & 63)] : UInt8(ascii: "="))
            output.append(chunk.count > 2 ? alphabet[Int(value & 63)] : UInt8(ascii: "="))
            index += 3
            if let lineLength, output.count % (lineLength + 2) == lineLength { output += [0x0D, 0x0A] }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
