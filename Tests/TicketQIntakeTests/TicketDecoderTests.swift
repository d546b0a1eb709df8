import TicketQConfig
import TicketQCore
import TicketQIntake
import Testing

struct TicketDecoderTests {
    private let decoder = TicketDecoder(brands: ["pandorana", "mejurn"])

    private func rejection(_ line: [UInt8], lineNumber: Int? = nil, decoder: TicketDecoder? = nil) -> TicketRejection? {
        do {
            _ = try (decoder ?? self.decoder).decode(line, lineNumber: lineNumber)
            return nil
        } catch {
            return error
        }
    }

    private func rejection(_ text: String, lineNumber: Int? = nil) -> TicketRejection? {
        rejection(Array(text.utf8), lineNumber: lineNumber)
    }

    @Test func decodesAFullTicket() throws {
        let line = #"{"id":"msg-1@mail","brand":"mejurn","received_at":"2024-03-13T10:00:00.250+00:00","subject":"Wrong item","body":"Line one\nCafé \u00e9 \"quoted\"","from":"a@example.com","message_id":"<x@y>","order_id":"MJ-42","category":"order_discrepancy","urgent":true,"complex":false}"#
        let ticket = try decoder.decode(Array(line.utf8))
        #expect(ticket.id == "msg-1@mail")
        #expect(ticket.brand == "mejurn")
        #expect(ticket.receivedAt == (try RFC3339.parse("2024-03-13T10:00:00Z")))
        #expect(ticket.subject == "Wrong item")
        #expect(ticket.body == "Line one\nCafé é \"quoted\"")
        #expect(ticket.from == "a@example.com")
        #expect(ticket.messageID == "<x@y>")
        #expect(ticket.orderID == "MJ-42")
        #expect(ticket.category == "order_discrepancy")
        #expect(ticket.urgent == true)
        #expect(ticket.complex == false)
        #expect(!ticket.truncated)
    }

    @Test func nullCountsAsAbsent() throws {
        let ticket = try decoder.decode(TicketFixtures.validLine(extra: #","from":null,"category":null,"urgent":null,"order_id":null"#))
        #expect(ticket.from == nil)
        #expect(ticket.category == nil)
        #expect(ticket.urgent == nil)
        #expect(ticket.orderID == nil)
        let noSubject = try decoder.decode(Array(#"{"id":"T-1","brand":"pandorana","received_at":"2024-03-13T10:00:00Z","subject":null,"body":"Hello"}"#.utf8))
        #expect(noSubject.subject == nil)
        #expect(noSubject.body == "Hello")
    }

    @Test func acceptsLeadingAndTrailingWhiteSpaceAndCarriageReturn() throws {
        let ticket = try decoder.decode(Array("  ".utf8) + TicketFixtures.validLine() + Array(" \r".utf8))
        #expect(ticket.id == "T-1")
    }

    @Test func rejectsUnknownFieldsByName() throws {
        let error = try #require(rejection(TicketFixtures.validLine(extra: #","priority":"high","tags":[]"#), lineNumber: 4))
        #expect(error.field == "priority")
        #expect(error.line == 4)
        #expect(error.reason.contains("\"tags\""))
        #expect(error.description.hasPrefix("line 4: field \"priority\": unknown field"))
        #expect(error.description.contains("received_at"))
    }

    @Test(arguments: ["id", "brand", "received_at"])
    func rejectsAMissingRequiredField(field: String) throws {
        var fields: [(String, String)] = [("id", "\"T-1\""), ("brand", "\"pandorana\""), ("received_at", "\"2024-03-13T10:00:00Z\""), ("body", "\"Hi\"")]
        fields.removeAll { $0.0 == field }
        let line = "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        let error = try #require(rejection(line))
        #expect(error == TicketRejection(field: field, reason: "required field is missing"))
        #expect(error.description == "field \"\(field)\": required field is missing")
    }

    @Test(arguments: [
        ("id", "42", "must be a string, found a number"),
        ("brand", "true", "must be a string, found a boolean"),
        ("received_at", "1710338400", "must be a string, found a number"),
        ("subject", "[\"a\"]", "must be a string, found a list"),
        ("body", "{}", "must be a string, found an object"),
        ("from", "1", "must be a string, found a number"),
        ("message_id", "false", "must be a string, found a boolean"),
        ("order_id", "12345", "must be a string, found a number"),
        ("category", "7", "must be a string, found a number"),
        ("urgent", "\"yes\"", "must be true or false, found a string"),
        ("complex", "1", "must be true or false, found a number"),
    ])
    func namesAFieldOfTheWrongType(field: String, json: String, reason: String) throws {
        var fields: [(String, String)] = [("id", "\"T-1\""), ("brand", "\"pandorana\""), ("received_at", "\"2024-03-13T10:00:00Z\""), ("body", "\"Hi\"")]
        fields.removeAll { $0.0 == field }
        fields.append((field, json))
        let line = "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
        let error = try #require(rejection(line, lineNumber: 9))
        #expect(error == TicketRejection(line: 9, field: field, reason: reason))
    }

    @Test func rejectsAnUnknownBrandListingTheConfiguredOnes() throws {
        let error = try #require(rejection(#"{"id":"T-1","brand":"acme","received_at":"2024-03-13T10:00:00Z","body":"Hi"}"#))
        #expect(error.field == "brand")
        #expect(error.description == #"field "brand": unknown brand "acme"; configured brands: mejurn, pandorana"#)
    }

    @Test func rejectsABadTimestamp() throws {
        for text in ["2024-03-13", "2024-03-13T10:00:00", "2024-02-30T10:00:00Z", "yesterday", "2024-03-13T25:00:00Z"] {
            let error = try #require(rejection(#"{"id":"T-1","brand":"pandorana","received_at":"\#(text)","body":"Hi"}"#))
            #expect(error.field == "received_at")
            #expect(error.reason.contains("RFC 3339"))
        }
    }

    @Test func rejectsBadIds() throws {
        for id in ["", "has space", String(repeating: "x", count: 129), "naïve", "a/b"] {
            let error = try #require(rejection(#"{"id":"\#(id)","brand":"pandorana","received_at":"2024-03-13T10:00:00Z","body":"Hi"}"#))
            #expect(error.field == "id", "\(id)")
        }
        #expect(rejection(#"{"id":"\#(String(repeating: "x", count: 128))","brand":"pandorana","received_at":"2024-03-13T10:00:00Z","body":"Hi"}"#) == nil)
    }

    @Test func needsSubjectOrBody() throws {
        let bothEmpty = try #require(rejection(#"{"id":"T-1","brand":"pandorana","received_at":"2024-03-13T10:00:00Z","subject":"","body":""}"#))
        #expect(bothEmpty.field == "body")
        #expect(bothEmpty.reason.contains("subject"))
        let neither = try #require(rejection(#"{"id":"T-1","brand":"pandorana","received_at":"2024-03-13T10:00:00Z"}"#))
        #expect(neither.field == "body")
        let subjectOnly = try decoder.decode(Array(#"{"id":"T-1","brand":"pandorana","received_at":"2024-03-13T10:00:00Z","subject":"Refund?"}"#.utf8))
        #expect(subjectOnly.subject == "Refund?")
    }

    @Test func rejectsEmptyOptionalStrings() throws {
        let error = try #require(rejection(TicketFixtures.validLine(extra: #","order_id":"""#)))
        #expect(error.field == "order_id")
    }

    @Test func rejectsLinesThatAreNotTicketObjects() throws {
        let notJSON = try #require(rejection(#"{"id":"T-1","#, lineNumber: 2))
        #expect(notJSON.field == "")
        #expect(notJSON.description.hasPrefix("line 2: not valid JSON: "))
        #expect(notJSON.reason.contains("column"))

        let array = try #require(rejection("[1,2]"))
        #expect(array.reason == "a ticket must be a JSON object, found a list")

        let empty = try #require(rejection("  ", lineNumber: 3))
        #expect(empty.description == "line 3: empty line; expected a JSON object")

        let duplicate = try #require(rejection(TicketFixtures.validLine(extra: #","id":"T-2""#)))
        #expect(duplicate.reason.contains("duplicate key \"id\""))

        let invalidUTF8 = try #require(rejection([0xFF, 0xFE]))
        #expect(invalidUTF8.reason.hasPrefix("not valid JSON"))
    }

    @Test func truncatesLongTextInsteadOfRejecting() throws {
        let decoder = TicketDecoder(brands: ["pandorana"], textLimit: try #require(TicketTextLimit(bytes: 12)))
        let body = "Grüße aus Köln, bitte helfen"
        let ticket = try decoder.decode(Array(#"{"id":"T-1","brand":"pandorana","received_at":"2024-03-13T10:00:00Z","body":"\#(body)"}"#.utf8))
        #expect(ticket.body == "Grüße aus ")
        #expect(ticket.truncated)
    }

    @Test func catalogDecoderKnowsTheShippedBrands() throws {
        let decoder = TicketDecoder(catalog: try TicketFixtures.catalog())
        #expect(decoder.brands == ["pandorana", "mejurn"])
        #expect(decoder.textLimit == .default)
    }

    @Test func rejectionDescriptionWithoutLineOrField() {
        #expect(TicketRejection(field: "", reason: "empty line").description == "empty line")
        #expect(TicketRejection(line: 1, field: "id", reason: "x").at(line: 5).description == "line 5: field \"id\": x")
    }
}

/// Every line decodes to the same ticket or rejection whichever path it takes.
struct TicketDecoderPathTests {
    private let decoder = TicketDecoder(brands: ["pandorana", "mejurn"], textLimit: TicketTextLimit(bytes: 24)!)

    private func parsedPath(_ bytes: [UInt8]) -> Result<Ticket, TicketRejection> {
        guard let node = try? JSONParser.parse(bytes) else { return .failure(TicketRejection(field: "", reason: "not valid JSON")) }
        do { return .success(try decoder.decode(node)) } catch { return .failure(error) }
    }

    @Test func mutatedLinesAgreeWithTheParsedPath() {
        let seeds = [
            #"{"id":"T-1","brand":"pandorana","received_at":"2024-03-13T10:00:00-04:00","subject":"Hi","body":"Long text that is cut: é\n","urgent":true}"#,
            #"{"id":"a","brand":"mejurn","received_at":"2024-03-13T10:00:00Z","body":"x","from":"a@b","category":"general","complex":false,"order_id":null}"#,
        ]
        let insertions: [UInt8] = Array("\"\\{}[],:-.0123456789 tfnux".utf8) + [0x00, 0xC3]
        var generator = SplitMix64(seed: 0xD1FF)
        for _ in 0..<20_000 {
            var bytes = Array(seeds.randomElement(using: &generator)!.utf8)
            let position = Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<3, using: &generator) {
            case 0: bytes.remove(at: position)
            case 1: bytes[position] = insertions.randomElement(using: &generator)!
            default: bytes.insert(insertions.randomElement(using: &generator)!, at: position)
            }
            let direct: Result<Ticket, TicketRejection>
            do { direct = .success(try decoder.decode(bytes)) } catch { direct = .failure(error) }
            switch (direct, parsedPath(bytes)) {
            case let (.success(a), .success(b)):
                #expect(a == b)
            case let (.failure(a), .failure(b)):
                if b.reason == "not valid JSON" {
                    #expect(a.reason.hasPrefix("not valid JSON") || a.reason.hasPrefix("empty line"))
                } else {
                    #expect(a == b)
                }
            default:
                Issue.record("paths disagree on \(String(decoding: bytes, as: UTF8.self).debugDescription): \(direct) vs \(parsedPath(bytes))")
            }
        }
    }
}
