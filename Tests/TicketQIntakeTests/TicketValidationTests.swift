import TicketQCore
import Testing

struct TicketValidationTests {
    private let received = Instant(secondsSinceEpoch: 1_710_338_400)

    private func validationError(_ make: () throws -> Ticket) -> TicketValidationError? {
        do {
            _ = try make()
            return nil
        } catch let error as TicketValidationError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func acceptsEveryAllowedIdCharacter() throws {
        let id = "AZaz09._:@-"
        #expect(TicketID.isValid(id))
        let ticket = try Ticket(id: id, brand: "pandorana", receivedAt: received, subject: nil, body: "Hi")
        #expect(ticket.id == id)
        #expect(ticket.truncated == false)
    }

    @Test func idLengthLimits() throws {
        let longest = String(repeating: "a", count: TicketID.maximumLength)
        #expect(TicketID.isValid(longest))
        #expect(!TicketID.isValid(longest + "a"))
        let tooLong = validationError { try Ticket(id: longest + "a", brand: "b", receivedAt: received, subject: "s", body: nil) }
        #expect(tooLong == TicketValidationError(field: "id", reason: "is 129 characters long; at most 128 are allowed"))
        let empty = validationError { try Ticket(id: "", brand: "b", receivedAt: received, subject: "s", body: nil) }
        #expect(empty?.field == "id")
        #expect(empty?.reason == "must not be empty")
    }

    @Test(arguments: [("T 1", "'U+20'", 2), ("T/1", "'/'", 2), ("tïcket", "'U+EF'", 2), ("ab\u{1F600}", "'U+1F600'", 3), ("a\nb", "'U+A'", 2)])
    func rejectsCharactersOutsideTheIdSet(id: String, shown: String, position: Int) {
        let error = validationError { try Ticket(id: id, brand: "b", receivedAt: received, subject: "s", body: nil) }
        #expect(error?.field == "id")
        #expect(error?.reason.contains("character \(shown) at position \(position) is not allowed") == true, "\(String(describing: error))")
        #expect(!TicketID.isValid(id))
    }

    @Test func needsASubjectOrABody() throws {
        for (subject, body) in [(nil, nil), ("", ""), ("", nil), (nil, "")] as [(String?, String?)] {
            let error = validationError { try Ticket(id: "T-1", brand: "b", receivedAt: received, subject: subject, body: body) }
            #expect(error?.field == "body")
            #expect(error?.reason.contains("subject") == true)
        }
        let subjectOnly = try Ticket(id: "T-1", brand: "b", receivedAt: received, subject: "Refund", body: "")
        #expect(subjectOnly.subject == "Refund")
        #expect(subjectOnly.body == nil)
    }

    @Test func rejectsEmptyOrOversizedOptionalFields() {
        let cases: [(String, (String?) throws -> Ticket)] = [
            ("from", { try Ticket(id: "T", brand: "b", receivedAt: received, subject: "s", body: nil, from: $0) }),
            ("message_id", { try Ticket(id: "T", brand: "b", receivedAt: received, subject: "s", body: nil, messageID: $0) }),
            ("order_id", { try Ticket(id: "T", brand: "b", receivedAt: received, subject: "s", body: nil, orderID: $0) }),
            ("category", { try Ticket(id: "T", brand: "b", receivedAt: received, subject: "s", body: nil, category: $0) }),
        ]
        for (field, make) in cases {
            let empty = validationError { try make("") }
            #expect(empty?.field == field)
            #expect(empty?.reason.contains("must not be empty") == true)
            let oversized = validationError { try make(String(repeating: "x", count: Ticket.maximumFieldBytes + 1)) }
            #expect(oversized?.field == field)
            #expect(oversized?.reason == "is 999 bytes long; at most 998 are allowed")
            #expect(validationError { try make(String(repeating: "x", count: Ticket.maximumFieldBytes)) } == nil)
        }
        let brand = validationError { try Ticket(id: "T", brand: "", receivedAt: received, subject: "s", body: nil) }
        #expect(brand?.field == "brand")
    }

    @Test func keepsTriageFieldsAsGiven() throws {
        let ticket = try Ticket(
            id: "T", brand: "b", receivedAt: received, subject: "s", body: "b",
            from: "a@example.com", messageID: "<1@example.com>", orderID: "O-1",
            category: "complaint", urgent: false, complex: true
        )
        #expect(ticket.category == "complaint")
        #expect(ticket.urgent == false)
        #expect(ticket.complex == true)
        #expect(ticket.from == "a@example.com")
        #expect(ticket.messageID == "<1@example.com>")
        #expect(ticket.orderID == "O-1")
    }

    @Test func errorDescriptionNamesTheField() {
        #expect(TicketValidationError(field: "id", reason: "must not be empty").description == "field \"id\": must not be empty")
    }
}
