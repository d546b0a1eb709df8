import TicketQCore

/// Turns a calendar document (the flat object of `config/calendars/*.yaml`, spec §2) into a
/// validated ``BusinessCalendar``.
public enum CalendarDecoder {
    static let fields: Set<String> = ["id", "version", "time_zone", "weekly_hours", "holidays", "coverage"]

    /// Decodes and validates a calendar.
    ///
    /// A document whose only key is `calendar` (the form shown in spec §2) is unwrapped.
    /// Without a `version` field the version is a fingerprint of the content.
    /// - Throws: ``ConfigError`` naming the file, field and reason.
    public static func decode(_ node: ConfigNode, file: String? = nil) throws(ConfigError) -> BusinessCalendar {
        var node = node
        if case let .object(entries) = node, entries.count == 1, entries[0].key == "calendar" { node = entries[0].value }
        let root = ConfigReader(node, file: file)
        try root.rejectUnknownKeys(fields)
        let id = try root.required("id").nonEmptyString()
        let version = try root.child("version")?.versionString() ?? ContentFingerprint.of(node)
        let zone = try root.required("time_zone").nonEmptyString()

        let hoursReader = try root.required("weekly_hours")
        try hoursReader.rejectUnknownKeys(Set(Weekday.allCases.map(\.rawValue)))
        var weeklyHours: [Weekday: [OpeningInterval]] = [:]
        for weekday in Weekday.allCases {
            guard let day = try hoursReader.child(weekday.rawValue) else {
                if hoursReader.node[weekday.rawValue] == .null {
                    throw hoursReader.error(weekday.rawValue, "must be a list of [\"HH:MM\", \"HH:MM\"] pairs; write [] for a closed day")
                }
                throw hoursReader.error(weekday.rawValue, "missing; every weekday must be listed ([] = closed)")
            }
            var intervals: [OpeningInterval] = []
            for pair in try day.items() {
                let bounds = try pair.items()
                guard bounds.count == 2 else { throw pair.error("must be a pair [\"HH:MM\", \"HH:MM\"]") }
                intervals.append(OpeningInterval(start: try wallTime(bounds[0]), end: try wallTime(bounds[1])))
            }
            weeklyHours[weekday] = intervals
        }

        var holidays: [Holiday] = []
        for item in try root.child("holidays")?.items() ?? [] {
            try item.rejectUnknownKeys(["date", "name"])
            let date = try localDate(try item.required("date"))
            let name = try item.child("name")?.string() ?? ""
            holidays.append(Holiday(date: date, name: name))
        }

        let coverage = try root.required("coverage")
        try coverage.rejectUnknownKeys(["from", "through"])
        let from = try localDate(try coverage.required("from"))
        let through = try localDate(try coverage.required("through"))

        do {
            return try BusinessCalendar(
                id: id, version: version, timeZone: zone, weeklyHours: weeklyHours, holidays: holidays,
                coverageFrom: from, coverageThrough: through
            )
        } catch {
            throw ConfigError(file: file, field: error.field, reason: error.reason)
        }
    }

    static func wallTime(_ reader: ConfigReader) throws(ConfigError) -> WallTime {
        guard case let .string(text, quoted) = reader.node else {
            throw reader.error("must be a quoted \"HH:MM\" string, found \(reader.node.kindName) (YAML reads a bare 14:00 as the number 840)")
        }
        guard quoted else { throw reader.error("times must be quoted, e.g. \"\(text)\" (bare YAML times can be read as numbers)") }
        guard let time = WallTime(text) else { throw reader.error("\"\(text)\" is not a time HH:MM between 00:00 and 24:00") }
        return time
    }

    static func localDate(_ reader: ConfigReader) throws(ConfigError) -> LocalDate {
        let text = try reader.string()
        guard let date = LocalDate(iso: text) else { throw reader.error("\"\(text)\" is not a date YYYY-MM-DD") }
        return date
    }
}
