import TicketQCore
import TicketQWire

/// Payloads written by the version 1 encoder before it moved into this module, with the tickets
/// they were written from. Lanes in Redis still hold payloads like these, so they must decode to
/// the same tickets, and the encoder must keep writing exactly these bytes.
enum CapturedPayloads {
    /// One captured payload and the ticket it encodes.
    struct Sample {
        let name: String
        let payload: [UInt8]
        let ticket: QueuedTicket
    }

    static func all() throws -> [Sample] {
        [try minimal(), try full(), try extremes()]
    }

    /// Only the required fields.
    static func minimal() throws -> Sample {
        let ticket = try Ticket(
            id: "T-1", brand: "pandorana", receivedAt: Instant(secondsSinceEpoch: 1_710_338_400),
            subject: "Where is my order?", body: nil, textLimit: nil
        )
        return Sample(
            name: "minimal",
            payload: Array(##"{"v":1,"id":"T-1","br":"pandorana","rc":1710338400000,"ln":"n","du":1710770400000,"er":1710338400000,"ca":"general","pv":"1","cv":"1","eq":1710338401234,"sj":"Where is my order?"}"##.utf8),
            ticket: QueuedTicket(
                ticket: ticket, categoryResolved: "general", urgent: false, complex: false, lane: .standard,
                dueMillis: 1_710_770_400_000, resolutionDueMillis: nil, effectiveReceiptMillis: 1_710_338_400_000,
                policyVersion: "1", calendarVersion: "1", enqueuedAtMillis: 1_710_338_401_234
            )
        )
    }

    /// Every optional field and flag, and text that needs escaping (quotes, backslashes, control
    /// characters) next to text that does not (DEL, U+2028, non-ASCII).
    static func full() throws -> Sample {
        let ticket = try Ticket(
            id: "CAFp1Xq-7Rk.2024-03-13@mail.example.com", brand: "mejurn", receivedAt: Instant(secondsSinceEpoch: 1_710_338_671),
            subject: "Re: \"Order\" #PA-1048213 \\ caf\u{E9} \u{1F600}", body: "Line one\nLine\ttwo\r\n\u{0}\u{1F}\u{7F}/\u{2028}\u{65E5}\u{672C}",
            from: "jane.customer@example.com", messageID: "<CAF=p1Xq-7Rk2+9sd@mail.example.com>", orderID: "PA-1048213",
            category: "returns", urgent: true, complex: false, truncated: true, textLimit: nil
        )
        return Sample(
            name: "full",
            payload: Array(##"{"v":1,"id":"CAFp1Xq-7Rk.2024-03-13@mail.example.com","br":"mejurn","rc":1710338671000,"ln":"s","du":1710352800000,"rd":-1,"er":1710338671000,"ca":"returns","ug":true,"cx":true,"tr":true,"pv":"2024-03","cv":"us-2024","eq":1710338671123,"tc":"returns","tu":true,"tx":false,"fr":"jane.customer@example.com","mi":"<CAF=p1Xq-7Rk2+9sd@mail.example.com>","oi":"PA-1048213","tm":"linear-svm-abc","nr":true,"sj":"Re: \"Order\" #PA-1048213 \\ caf\##u{E9} \##u{1F600}","bd":"Line one\nLine\ttwo\r\n\u0000\u001f\##u{7F}/\##u{2028}\##u{65E5}\##u{672C}"}"##.utf8),
            ticket: QueuedTicket(
                ticket: ticket, categoryResolved: "returns", urgent: true, complex: true, lane: .sameBusinessDay,
                dueMillis: 1_710_352_800_000, resolutionDueMillis: -1, effectiveReceiptMillis: 1_710_338_671_000,
                policyVersion: "2024-03", calendarVersion: "us-2024", enqueuedAtMillis: 1_710_338_671_123,
                triageModelVersion: "linear-svm-abc", needsReview: true
            )
        )
    }

    /// The extended lane, a receipt before the epoch, the integer limits and an empty version.
    static func extremes() throws -> Sample {
        let ticket = try Ticket(id: "E-9", brand: "pandorana", receivedAt: Instant(secondsSinceEpoch: -1), subject: nil, body: "b", textLimit: nil)
        return Sample(
            name: "extremes",
            payload: Array(##"{"v":1,"id":"E-9","br":"pandorana","rc":-1000,"ln":"e","du":9223372036854775807,"rd":-9223372036854775808,"er":0,"ca":"general","pv":"","cv":"1","eq":0,"bd":"b"}"##.utf8),
            ticket: QueuedTicket(
                ticket: ticket, categoryResolved: "general", urgent: false, complex: false, lane: .extended,
                dueMillis: .max, resolutionDueMillis: .min, effectiveReceiptMillis: 0,
                policyVersion: "", calendarVersion: "1", enqueuedAtMillis: 0
            )
        )
    }
}
