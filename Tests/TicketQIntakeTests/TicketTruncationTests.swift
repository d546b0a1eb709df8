import TicketQCore
import Testing

struct TicketTruncationTests {
    private let received = Instant(secondsSinceEpoch: 1_710_338_400)

    /// The longest prefix of whole Characters that fits in `limit` bytes, found the slow way.
    private func oracle(_ text: String, _ limit: Int) -> String {
        var result = ""
        var size = 0
        for character in text {
            let characterSize = String(character).utf8.count
            if size + characterSize > limit { break }
            result.append(character)
            size += characterSize
        }
        return result
    }

    @Test func limitMustBePositive() {
        #expect(TicketTextLimit(bytes: 0) == nil)
        #expect(TicketTextLimit(bytes: -5) == nil)
        #expect(TicketTextLimit(bytes: 1)?.bytes == 1)
        #expect(TicketTextLimit.default.bytes == 65_536)
    }

    @Test func textAtTheLimitIsKept() throws {
        let limit = try #require(TicketTextLimit(bytes: 10))
        #expect(limit.apply(to: "0123456789") == ("0123456789", false))
        #expect(limit.apply(to: "01234567890") == ("0123456789", true))
        #expect(limit.apply(to: "") == ("", false))
    }

    @Test(arguments: [
        ("ééééé", 5, "éé"),  // two-byte letters: never half a letter
        ("e\u{301}e\u{301}", 4, "e\u{301}"),  // a letter with a combining accent stays whole
        ("a🇫🇷b", 6, "a"),  // a flag is two regional indicators, 8 bytes
        ("ok👨‍👩‍👧", 19, "ok"),  // a family ZWJ sequence (18 bytes) goes whole
        ("ok👨‍👩‍👧", 2, "ok"),
        ("日本語テキスト", 10, "日本語"),
        ("\r\nx", 1, ""),  // CR LF is a single Character
    ])
    func cutsOnCharacterBoundaries(text: String, limit: Int, expected: String) throws {
        let result = try #require(TicketTextLimit(bytes: limit)).apply(to: text)
        #expect(result.text == expected)
        #expect(result.truncated)
        #expect(result.text == oracle(text, limit))
    }

    @Test func randomTextMatchesTheOracle() throws {
        var generator = SplitMix64(seed: 0x7E57_CA5E)
        let pieces = ["a", "Z", " ", "é", "e\u{301}", "€", "日", "😀", "🇯🇵", "👩‍💻", "\u{1F44D}\u{1F3FD}", "\r\n", "\n", "ﷺ", "ก\u{E34}"]
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...40, using: &generator) { text += pieces.randomElement(using: &generator)! }
            let limit = Int.random(in: 1...60, using: &generator)
            let result = try #require(TicketTextLimit(bytes: limit)).apply(to: text)
            #expect(result.text == oracle(text, limit), "text \(text.debugDescription) limit \(limit)")
            #expect(result.truncated == (text.utf8.count > limit))
            #expect(result.text.utf8.count <= limit)
        }
    }

    @Test func ticketCutsSubjectAndBodyAndSetsTheFlag() throws {
        let limit = try #require(TicketTextLimit(bytes: 8))
        let ticket = try Ticket(
            id: "T", brand: "b", receivedAt: received, subject: "Ça va très bien", body: "short",
            textLimit: limit
        )
        #expect(ticket.subject == "Ça va t")
        #expect(ticket.body == "short")
        #expect(ticket.truncated)

        let untouched = try Ticket(id: "T", brand: "b", receivedAt: received, subject: "12345678", body: "1234", textLimit: limit)
        #expect(!untouched.truncated)

        let bodyCut = try Ticket(id: "T", brand: "b", receivedAt: received, subject: nil, body: "ééééé", textLimit: limit)
        #expect(bodyCut.body == "éééé")
        #expect(bodyCut.truncated)
    }

    @Test func defaultLimitIs64KiB() throws {
        let body = String(repeating: "ü", count: 40_000)  // 80,000 bytes
        let ticket = try Ticket(id: "T", brand: "b", receivedAt: received, subject: "s", body: body)
        #expect(ticket.body?.utf8.count == 65_536)
        #expect(ticket.truncated)
    }

    @Test func noLimitKeepsTextAndAnEarlierFlag() throws {
        let body = String(repeating: "x", count: 70_000)
        let ticket = try Ticket(id: "T", brand: "b", receivedAt: received, subject: nil, body: body, truncated: true, textLimit: nil)
        #expect(ticket.body == body)
        #expect(ticket.truncated)
    }
}
