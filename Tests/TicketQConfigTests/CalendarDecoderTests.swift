import Foundation
import Testing
import TicketQConfig
import TicketQCore

/// Calendar documents (spec §2): valid forms, and every rule violation rejected with the file,
/// the field and a reason.
struct CalendarDecoderTests {
    static let file = "calendars/test-calendar.yaml"

    static func decode(_ text: String) throws -> BusinessCalendar {
        try CalendarDecoder.decode(ConfigNode.parseYAML(text, file: file), file: file)
    }

    @Test("the base document decodes with its version, hours, holidays and coverage")
    func validCalendar() throws {
        let calendar = try Self.decode(ConfigFixtures.calendarYAML)
        #expect(calendar.id == "test-calendar")
        #expect(calendar.version == "7")
        #expect(calendar.timeZone == "America/New_York")
        #expect(calendar.weeklyHours[.sat] == [])
        #expect(calendar.holidays.map(\.name) == ["Thanksgiving Day"])
        #expect(calendar.coverageThrough == LocalDate(year: 2024, month: 12, day: 31))
    }

    @Test("the spec's wrapped form `calendar: {…}` and the JSON form decode to the same calendar")
    func wrappedAndJSONForms() throws {
        let wrapped = "calendar:\n" + ConfigFixtures.calendarYAML.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
        let fromWrapped = try Self.decode(wrapped)
        let json = """
            {"id": "test-calendar", "version": 7, "time_zone": "America/New_York",
             "weekly_hours": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
                              "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]], "sat": [], "sun": []},
             "holidays": [{"date": "2024-11-28", "name": "Thanksgiving Day"}],
             "coverage": {"from": "2024-01-01", "through": "2024-12-31"}}
            """
        let fromJSON = try CalendarDecoder.decode(ConfigNode.parseJSON(Data(json.utf8), file: "calendars/x.json"), file: "calendars/x.json")
        let base = try Self.decode(ConfigFixtures.calendarYAML)
        for calendar in [fromWrapped, fromJSON] {
            #expect(calendar.id == base.id && calendar.version == base.version)
            #expect(calendar.weeklyHours == base.weeklyHours)
            #expect(calendar.holidays == base.holidays)
            let received = try RFC3339.parse("2024-11-27T16:00:00-05:00")
            #expect(try calendar.due(for: .businessHours(minutes: 600), receivedAt: received) == (try base.due(for: .businessHours(minutes: 600), receivedAt: received)))
        }
    }

    @Test("without a version the calendar gets a stable content fingerprint")
    func fingerprintVersion() throws {
        let text = try ConfigFixtures.replacing("version: 7\n", with: "", in: ConfigFixtures.calendarYAML)
        let first = try Self.decode(text)
        let second = try Self.decode(text)
        let changed = try Self.decode(try ConfigFixtures.replacing("2024-11-28", with: "2024-11-29", in: text))
        #expect(first.version.hasPrefix("fnv-"))
        #expect(first.version == second.version)
        #expect(first.version != changed.version)
    }

    static let invalid: [(name: String, old: String, new: String, field: String)] = [
        ("unquoted times", #"mon: [["09:00", "17:00"]]"#, "mon: [[09:00, 17:00]]", "weekly_hours.mon[0][0]"),
        ("a bare 14:00 end", #"tue: [["09:00", "17:00"]]"#, #"tue: [["09:00", 14:00]]"#, "weekly_hours.tue[0][1]"),
        ("a time as a number", #"tue: [["09:00", "17:00"]]"#, #"tue: [["09:00", 840]]"#, "weekly_hours.tue[0][1]"),
        ("24:00 as a start", "sat: []", #"sat: [["24:00", "24:00"]]"#, "weekly_hours.sat[0]"),
        ("start after end", #"wed: [["09:00", "17:00"]]"#, #"wed: [["17:00", "09:00"]]"#, "weekly_hours.wed[0]"),
        ("start equal to end", #"wed: [["09:00", "17:00"]]"#, #"wed: [["09:00", "09:00"]]"#, "weekly_hours.wed[0]"),
        ("overlapping intervals", #"thu: [["09:00", "17:00"]]"#, #"thu: [["09:00", "12:00"], ["11:00", "17:00"]]"#, "weekly_hours.thu[1]"),
        ("unsorted intervals", #"fri: [["09:00", "17:00"]]"#, #"fri: [["13:00", "17:00"], ["09:00", "12:00"]]"#, "weekly_hours.fri[1]"),
        ("an interval that is not a pair", #"mon: [["09:00", "17:00"]]"#, #"mon: [["09:00"]]"#, "weekly_hours.mon[0]"),
        ("hour 25", #"mon: [["09:00", "17:00"]]"#, #"mon: [["09:00", "25:00"]]"#, "weekly_hours.mon[0][1]"),
        ("a one-digit hour", #"mon: [["09:00", "17:00"]]"#, #"mon: [["9:00", "17:00"]]"#, "weekly_hours.mon[0][0]"),
        ("a missing weekday key", "  sun: []\n", "", "weekly_hours.sun"),
        ("an empty weekday value", "sun: []", "sun:", "weekly_hours.sun"),
        ("an unknown weekday key", "sun: []", "sun: []\n  sunday: []", "weekly_hours.sunday"),
        ("a zone that does not exist", "America/New_York", "America/Gotham", "time_zone"),
        ("a fixed offset zone", "America/New_York", "\"+02:00\"", "time_zone"),
        ("an Etc/GMT offset zone", "America/New_York", "Etc/GMT+5", "time_zone"),
        ("a floating zone", "America/New_York", "floating", "time_zone"),
        ("the key timezone", "time_zone:", "timezone:", "timezone"),
        ("no zone at all", "time_zone: America/New_York\n", "", "time_zone"),
        ("a holiday that does not exist", "2024-11-28", "2024-02-30", "holidays[0].date"),
        ("a holiday in another format", "\"2024-11-28\"", "\"28/11/2024\"", "holidays[0].date"),
        ("an unknown holiday key", #"name: "Thanksgiving Day" }"#, #"name: "Thanksgiving Day", observed: true }"#, "holidays[0].observed"),
        ("coverage from after through", #"from: "2024-01-01""#, #"from: "2025-01-01""#, "coverage"),
        ("a coverage month 13", #"from: "2024-01-01""#, #"from: "2024-13-01""#, "coverage.from"),
        ("an unknown coverage key", "through:", "until:", "coverage.until"),
        ("no coverage", #"coverage: { from: "2024-01-01", through: "2024-12-31" }"#, "", "coverage"),
        ("an empty id", "id: test-calendar", "id: \"\"", "id"),
    ]

    @Test("invalid calendars are rejected naming the field", arguments: invalid)
    func rejected(name: String, old: String, new: String, field: String) throws {
        let text = try ConfigFixtures.replacing(old, with: new, in: ConfigFixtures.calendarYAML)
        let error = #expect(throws: ConfigError.self, "\(name)") { try Self.decode(text) }
        #expect(error?.field == field, "\(name): \(String(describing: error))")
        #expect(error?.file == Self.file)
        #expect(error?.reason.isEmpty == false)
    }

    @Test("no weekday with hours is rejected")
    func noHours() throws {
        var text = ConfigFixtures.calendarYAML
        for day in ["mon", "tue", "wed", "thu", "fri"] {
            text = try ConfigFixtures.replacing(#"\#(day): [["09:00", "17:00"]]"#, with: "\(day): []", in: text)
        }
        let error = #expect(throws: ConfigError.self) { try Self.decode(text) }
        #expect(error?.field == "weekly_hours")
    }

    @Test("a key given twice is rejected naming the key")
    func duplicateKey() throws {
        let text = try ConfigFixtures.replacing("sun: []", with: "sun: []\n  sun: []", in: ConfigFixtures.calendarYAML)
        let error = #expect(throws: ConfigError.self) { try Self.decode(text) }
        #expect(error?.file == Self.file)
        #expect(error?.reason.contains("'sun'") == true, "\(String(describing: error))")
    }

    @Test("a YAML syntax error names the line")
    func syntaxError() {
        let error = #expect(throws: ConfigError.self) { try Self.decode("id: x\nweekly_hours: { mon: [\"09:00\", \n") }
        #expect(error?.file == Self.file)
        #expect(error?.reason.contains("not valid YAML") == true)
        #expect(error?.reason.contains("line") == true, "\(String(describing: error))")
    }
}
