import TicketQConfig
import TicketQCore
import TicketQWire
import Testing

/// Payload version 2 carries what the email parser recovered from (`md`); version 1 payloads,
/// written by the previous release or for tickets without defects, still decode.
struct MimeDefectsPayloadTests {
    private func ticket(defects: [String]) throws -> QueuedTicket {
        let ticket = try Ticket(
            id: "m-1", brand: "mejurn", receivedAt: Instant(secondsSinceEpoch: 1_710_338_400), subject: "Parcel", body: "It never came", textLimit: nil
        )
        return QueuedTicket(
            ticket: ticket, categoryResolved: "shipping", urgent: true, complex: false, lane: .sameBusinessDay,
            dueMillis: 1_710_345_600_000, resolutionDueMillis: nil, effectiveReceiptMillis: 1_710_338_400_000,
            policyVersion: "1", calendarVersion: "1", enqueuedAtMillis: 1_710_338_401_000, mimeDefects: defects
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

    @Test func defectsAreWrittenInVersionTwoAndReadBack() throws {
        let queued = try ticket(defects: ["missing_header_separator", "malformed_folding"])
        let payload = queued.encode()
        let text = String(decoding: payload, as: UTF8.self)
        #expect(text.hasPrefix(#"{"v":2,"#) && text.contains(#""md":"missing_header_separator,malformed_folding""#), "\(text)")
        #expect(try QueuedTicket.decode(payload) == queued)
        #expect(try QueuedTicket.decode(payload).mimeDefects == ["missing_header_separator", "malformed_folding"])
    }

    @Test func ticketsWithoutDefectsStayVersionOne() throws {
        let payload = try ticket(defects: []).encode()
        #expect(String(decoding: payload, as: UTF8.self).hasPrefix(#"{"v":1,"#))
        #expect(!String(decoding: payload, as: UTF8.self).contains(#""md""#))
        #expect(try QueuedTicket.decode(payload).mimeDefects.isEmpty)
    }

    @Test func oldPayloadsWithoutTheFieldDecode() throws {
        for sample in try CapturedPayloads.all() {
            #expect(try QueuedTicket.decode(sample.payload).mimeDefects.isEmpty, "\(sample.name)")
        }
        // A version 2 payload may leave the field out too.
        let two = try PayloadEditing.setting("v", to: .integer(2), in: try ticket(defects: []).encode())
        #expect(try QueuedTicket.decode(two) == (try ticket(defects: [])))
    }

    @Test func versionOneHasNoDefectField() throws {
        let payload = try ticket(defects: ["reused_boundary"]).encode()
        let one = try PayloadEditing.setting("v", to: .integer(1), in: payload)
        #expect(decodingError(one) == .unknownField("md"))
    }

    @Test(arguments: ["", "a,,b", "Missing", "has space", String(repeating: "x", count: 65)])
    func badDefectNamesAreNamed(_ value: String) throws {
        let payload = try PayloadEditing.setting("md", to: .string(value, quoted: true), in: try ticket(defects: ["x"]).encode())
        guard case let .invalidValue(field, reason)? = decodingError(payload) else {
            Issue.record("\(value) was not rejected")
            return
        }
        #expect(field == "md" && reason.contains("not a defect name"), "\(reason)")
    }

    @Test func aDefectFieldOfTheWrongTypeIsNamed() throws {
        let payload = try PayloadEditing.setting("md", to: .integer(3), in: try ticket(defects: ["x"]).encode())
        #expect(decodingError(payload) == .wrongType(field: "md", expected: "a string", found: "a number"))
    }
}
