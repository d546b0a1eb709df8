import Foundation
import Testing
import TicketQCore
import TicketQStore

struct OutcomeFormattingTests {
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00Z"),
        (Int64(1), "1970-01-01T00:00:00.001Z"),
        (Int64(-1), "1969-12-31T23:59:59.999Z"),
        (fixtureBase, "2026-03-02T09:00:00Z"),
        (Int64(1_709_164_800_250), "2024-02-29T00:00:00.250Z"),
        (Int64(951_782_400_000), "2000-02-29T00:00:00Z"),
        (Int64(253_402_300_799_000), "9999-12-31T23:59:59Z"),
    ])
    func timestampsAreRFC3339UTC(milliseconds: Int64, expected: String) {
        #expect(UTCTimestamp.format(milliseconds: milliseconds) == expected)
    }

    @Test(arguments: [Int64.min, Int64.max, -62_135_596_800_001])
    func extremeTimestampsFormatWithoutTrapping(milliseconds: Int64) {
        let text = UTCTimestamp.format(milliseconds: milliseconds)
        #expect(text.hasSuffix("Z"))
        #expect(text.contains("T"))
    }

    @Test func jsonlLineIsOneObjectKeyedByColumnNames() throws {
        var record = sampleOutcome("t-1", lane: .sameBusinessDay)
        record.reply = "Line one\nsaid \"hi\", then \\ left\t\u{01}"
        record.resolutionDueAt = nil
        let line = OutcomeJSONLFormatter().line(for: record)
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == Set(OutcomeColumn.allCases.map(\.rawValue)))
        #expect(object["ticket_id"] as? String == "t-1")
        #expect(object["lane"] as? String == "same_business_day")
        #expect(object["reply"] as? String == record.reply)
        #expect(object["resolution_due_at"] is NSNull)
        #expect(object["received_at"] as? String == "2026-03-02T09:00:00Z")
        #expect(object["completed_at"] as? String == "2026-03-02T09:01:00Z")
        #expect(object["attempts"] as? Int == 1)
        #expect(object["fence"] as? Int == 1)
        #expect(line.contains("\"urgent\":true"))
        #expect(line.contains("\"sla_met\":true"))
        #expect(line.contains("\"truncated\":false"))
        #expect(line.hasPrefix("{\"ticket_id\":\"t-1\",\"brand\":"))
    }

    @Test func jsonlWritesOnlyTheChosenColumns() {
        let formatter = OutcomeJSONLFormatter(columns: [.ticketID, .status, .slaMet])
        let dead = sampleOutcome("t-9", status: .dead)
        #expect(formatter.line(for: dead) == "{\"ticket_id\":\"t-9\",\"status\":\"dead\",\"sla_met\":null}")
    }

    @Test func csvHeaderIsTheColumnNames() {
        let header = OutcomeCSVFormatter().header
        #expect(header.split(separator: ",").map(String.init) == OutcomeColumn.allCases.map(\.rawValue))
        #expect(header.hasPrefix("ticket_id,brand,category,urgent,lane,promoted,received_at"))
    }

    @Test func csvQuotesCommasQuotesAndNewlines() {
        let formatter = OutcomeCSVFormatter(columns: [.ticketID, .reply, .resolutionDueAt, .urgent, .dueAt, .attempts])
        var record = sampleOutcome("t-1")
        record.reply = "Hello, \"friend\"\nsecond line\r\nthird"
        #expect(formatter.row(for: record) == "t-1,\"Hello, \"\"friend\"\"\nsecond line\r\nthird\",,false,2026-03-02T10:00:00Z,1")
        record.reply = "plain text"
        #expect(formatter.row(for: record) == "t-1,plain text,,false,2026-03-02T10:00:00Z,1")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"x\"", "\"say \"\"x\"\"\""),
        ("one\ntwo", "\"one\ntwo\""),
        ("cr\rhere", "\"cr\rhere\""),
        ("", ""),
        (" padded ", " padded "),
    ])
    func csvFieldQuotingFollowsRFC4180(text: String, expected: String) {
        #expect(OutcomeCSVFormatter.field(text) == expected)
    }
}
