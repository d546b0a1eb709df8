import TicketQConfig
import TicketQCore
import TicketQWire
import Testing

struct QueuedTicketPayloadTests {
    private static let sample: [Character] = ["a", "Z", "7", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "é", "€", "日", "😀", "🇯🇵", "e\u{301}", "\u{2028}", "\u{7F}"]
    private static let idCharacters = Array("ABCxyz019._:@-")

    private func randomText(_ generator: inout SplitMix64, maximum: Int) -> String {
        String((0..<Int.random(in: 1...maximum, using: &generator)).map { _ in Self.sample.randomElement(using: &generator)! })
    }

    private func randomOptional<T>(_ generator: inout SplitMix64, _ make: (inout SplitMix64) -> T) -> T? {
        Bool.random(using: &generator) ? make(&generator) : nil
    }

    private func randomQueuedTicket(_ generator: inout SplitMix64) throws -> QueuedTicket {
        let id = String((0..<Int.random(in: 1...128, using: &generator)).map { _ in Self.idCharacters.randomElement(using: &generator)! })
        var subject = randomOptional(&generator) { randomText(&$0, maximum: 60) }
        let body = randomOptional(&generator) { randomText(&$0, maximum: 600) }
        if subject == nil && body == nil { subject = "s" }
        let received = Int64.random(in: 1_704_067_200...1_861_919_999, using: &generator)
        let ticket = try Ticket(
            id: id,
            brand: ["pandorana", "mejurn", "b\u{E9}"].randomElement(using: &generator)!,
            receivedAt: Instant(secondsSinceEpoch: received),
            subject: subject,
            body: body,
            from: randomOptional(&generator) { randomText(&$0, maximum: 40) },
            messageID: randomOptional(&generator) { randomText(&$0, maximum: 60) },
            orderID: randomOptional(&generator) { randomText(&$0, maximum: 12) },
            category: randomOptional(&generator) { randomText(&$0, maximum: 20) },
            urgent: randomOptional(&generator) { Bool.random(using: &$0) },
            complex: randomOptional(&generator) { Bool.random(using: &$0) },
            truncated: Bool.random(using: &generator),
            textLimit: nil
        )
        return QueuedTicket(
            ticket: ticket,
            categoryResolved: randomText(&generator, maximum: 20),
            urgent: Bool.random(using: &generator),
            complex: Bool.random(using: &generator),
            lane: Lane.allCases.randomElement(using: &generator)!,
            dueMillis: received * 1000 + Int64.random(in: 0...900_000_000, using: &generator),
            resolutionDueMillis: randomOptional(&generator) { Int64.random(in: Int64.min...Int64.max, using: &$0) },
            effectiveReceiptMillis: received * 1000 + Int64.random(in: 0...300_000_000, using: &generator),
            policyVersion: randomText(&generator, maximum: 8),
            calendarVersion: randomText(&generator, maximum: 8),
            enqueuedAtMillis: Int64.random(in: -1...Int64.max, using: &generator)
        )
    }

    /// A ticket as intake queues it for the standard lane, with a body of `bodyBytes` bytes.
    private func sampleTicket(bodyBytes: Int) throws -> QueuedTicket {
        let ticket = try Ticket(
            id: "CAFp1Xq-7Rk.2024-03-13@mail.example.com",
            brand: "pandorana",
            receivedAt: try RFC3339.parse("2024-03-13T10:04:31-04:00"),
            subject: "Re: Order #PA-1048213 still not delivered",
            body: String(repeating: "x", count: bodyBytes),
            from: "jane.customer@example.com",
            messageID: "<CAF=p1Xq-7Rk2+9sd@mail.example.com>",
            orderID: "PA-1048213"
        )
        return QueuedTicket(
            ticket: ticket,
            categoryResolved: "general",
            urgent: false,
            complex: false,
            lane: .standard,
            dueMillis: try RFC3339.parse("2024-03-18T10:04:31-04:00").secondsSinceEpoch * 1000,
            resolutionDueMillis: nil,
            effectiveReceiptMillis: ticket.receivedAt.secondsSinceEpoch * 1000,
            policyVersion: "1",
            calendarVersion: "1",
            enqueuedAtMillis: 1_710_338_671_123
        )
    }

    private func decodingError(_ bytes: [UInt8]) -> QueuedTicketDecodingError? {
        do {
            _ = try QueuedTicket.decode(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func randomTicketsRoundTrip() throws {
        var generator = SplitMix64(seed: 0xC0DEC)
        for _ in 0..<1_000 {
            let queued = try randomQueuedTicket(&generator)
            let payload = queued.encode()
            #expect(try QueuedTicket.decode(payload) == queued)
            #expect(try JSONParser.parse(payload) != .null)  // always valid JSON
        }
    }

    @Test func payloadUsesShortKeysAndMilliseconds() throws {
        let text = String(decoding: try sampleTicket(bodyBytes: 3).encode(), as: UTF8.self)
        #expect(text.hasPrefix(#"{"v":1,"id":"CAFp1Xq-7Rk.2024-03-13@mail.example.com","br":"pandorana","rc":1710338671000,"ln":"n","#))
        #expect(text.hasSuffix(#","bd":"xxx"}"#))
        #expect(!text.contains("\": ") && !text.contains(", \""))
        #expect(!text.contains("\"ug\"") && !text.contains("\"cx\"") && !text.contains("\"tr\""))  // false flags are left out
    }

    @Test func payloadForA500ByteBodyIsSmall() throws {
        let payload = try sampleTicket(bodyBytes: 500).encode()
        #expect(payload.count <= 500 + 350, "payload is \(payload.count) bytes")
    }

    @Test func everyTruncationOfAPayloadIsRejectedAsNotJSON() throws {
        let payload = try sampleTicket(bodyBytes: 20).encode()
        for length in 0..<payload.count {
            guard case .notJSON? = decodingError(Array(payload[..<length])) else {
                Issue.record("prefix of \(length) bytes was not rejected as not JSON")
                continue
            }
        }
        let error = try #require(decodingError(Array(payload.dropLast(5))))
        #expect(error.description.hasPrefix("undecodable ticket payload: not valid JSON: "))
    }

    @Test func otherVersionsAreRejected() throws {
        let payload = try sampleTicket(bodyBytes: 20).encode()
        let next = try PayloadEditing.setting("v", to: .integer(3), in: payload)
        #expect(decodingError(next) == .unsupportedVersion(3))
        #expect(decodingError(next)?.description == "undecodable ticket payload: version 3 is not supported (this build reads versions 1 to 2)")
        #expect(decodingError(try PayloadEditing.setting("v", to: .integer(0), in: payload)) == .unsupportedVersion(0))
        #expect(decodingError(try PayloadEditing.removing("v", from: payload)) == .missingField("v"))
        #expect(decodingError(try PayloadEditing.setting("v", to: .string("1", quoted: true), in: payload))
            == .wrongType(field: "v", expected: "an integer", found: "a string"))
    }

    @Test(arguments: ["id", "br", "rc", "ln", "du", "er", "ca", "pv", "cv", "eq"])
    func missingRequiredFieldIsNamed(key: String) throws {
        let payload = try PayloadEditing.removing(key, from: try sampleTicket(bodyBytes: 20).encode())
        let error = try #require(decodingError(payload))
        #expect(error == .missingField(key))
        #expect(error.description.contains("required field \"\(key)\""))
    }

    @Test func nullCountsAsMissing() throws {
        let payload = try PayloadEditing.setting("du", to: .null, in: try sampleTicket(bodyBytes: 20).encode())
        #expect(decodingError(payload) == .missingField("du"))
        #expect(decodingError(payload)?.description == "undecodable ticket payload: required field \"du\" (due in ms) is missing")
    }

    @Test func optionalFieldsMayBeAbsent() throws {
        var payload = try sampleTicket(bodyBytes: 20).encode()
        for key in ["fr", "mi", "oi", "sj", "rd", "tc", "tu", "tx"] {
            payload = try PayloadEditing.removing(key, from: payload)
        }
        let decoded = try QueuedTicket.decode(payload)
        #expect(decoded.ticket.subject == nil)
        #expect(decoded.ticket.from == nil)
        #expect(decoded.resolutionDueMillis == nil)
        #expect(decoded.ticket.urgent == nil)
    }

    @Test func absentFlagsAreFalse() throws {
        let payload = try sampleTicket(bodyBytes: 20).encode()
        let flagged = try PayloadEditing.edit(payload) { entries in
            entries.append(ConfigEntry(key: "ug", value: .bool(true)))
            entries.append(ConfigEntry(key: "cx", value: .bool(true)))
            entries.append(ConfigEntry(key: "tr", value: .bool(true)))
        }
        let decoded = try QueuedTicket.decode(flagged)
        #expect(decoded.urgent && decoded.complex && decoded.truncated)
        let plain = try QueuedTicket.decode(payload)
        #expect(!plain.urgent && !plain.complex && !plain.truncated)
    }

    @Test func wrongTypesAreNamed() throws {
        let payload = try sampleTicket(bodyBytes: 20).encode()
        #expect(decodingError(try PayloadEditing.setting("du", to: .string("soon", quoted: true), in: payload))
            == .wrongType(field: "du", expected: "an integer", found: "a string"))
        #expect(decodingError(try PayloadEditing.setting("ug", to: .integer(1), in: payload))
            == .wrongType(field: "ug", expected: "true or false", found: "a number"))
        #expect(decodingError(try PayloadEditing.setting("bd", to: .array([]), in: payload))
            == .wrongType(field: "bd", expected: "a string", found: "a list"))
        #expect(decodingError(try PayloadEditing.setting("rd", to: .number(1.5), in: payload))
            == .wrongType(field: "rd", expected: "an integer", found: "a number"))
    }

    @Test func invalidValuesAreNamed() throws {
        let payload = try sampleTicket(bodyBytes: 20).encode()
        #expect(decodingError(try PayloadEditing.setting("ln", to: .string("x", quoted: true), in: payload))
            == .invalidValue(field: "ln", reason: "holds \"x\", not a lane code (s, e or n)"))
        let badID = try #require(decodingError(try PayloadEditing.setting("id", to: .string("no spaces", quoted: true), in: payload)))
        guard case let .invalidValue(field, _) = badID else {
            Issue.record("expected invalidValue, got \(badID)")
            return
        }
        #expect(field == "id")
        let noText = try PayloadEditing.removing("sj", from: try PayloadEditing.removing("bd", from: payload))
        guard case .invalidValue(field: "bd", _)? = decodingError(noText) else {
            Issue.record("a payload without subject and body was accepted")
            return
        }
        #expect(decodingError(try PayloadEditing.setting("ca", to: .string("", quoted: true), in: payload))
            == .invalidValue(field: "ca", reason: "must not be empty"))
    }

    @Test func unknownFieldsAndOtherShapesAreRejected() throws {
        let payload = try sampleTicket(bodyBytes: 20).encode()
        #expect(decodingError(try PayloadEditing.setting("zz", to: .integer(1), in: payload)) == .unknownField("zz"))
        #expect(decodingError(Array("[1]".utf8)) == .notAnObject(found: "a list"))
        #expect(decodingError([]).map { if case .notJSON = $0 { true } else { false } } == true)
        #expect(decodingError(Array(#"{"v":1,"id":"a","id":"b"}"#.utf8)).map { if case .notJSON = $0 { true } else { false } } == true)
    }
}
