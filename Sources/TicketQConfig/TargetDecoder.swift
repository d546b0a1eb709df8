import TicketQCore

/// Reads a target: exactly `{unit, value}` or `{unit: same_business_day, cutoff}` with no other keys.
public enum TargetDecoder {
    /// Decodes a target object.
    ///
    /// - Throws: ``ConfigError`` naming the field and reason.
    public static func decode(_ node: ConfigNode, file: String? = nil, path: String = "") throws(ConfigError) -> SLATarget {
        try decode(ConfigReader(node, file: file, path: path))
    }

    static func decode(_ reader: ConfigReader) throws(ConfigError) -> SLATarget {
        let unit = try reader.required("unit").string()
        switch unit {
        case "same_business_day":
            try reader.rejectUnknownKeys(["unit", "cutoff"])
            return .sameBusinessDay(cutoff: try CalendarDecoder.wallTime(try reader.required("cutoff")))
        case "calendar_hours", "business_hours", "business_days":
            try reader.rejectUnknownKeys(["unit", "value"])
            let valueReader = try reader.required("value")
            let value = try valueReader.number()
            do {
                switch unit {
                case "calendar_hours": return .calendarHours(minutes: try SLATarget.minutes(fromHours: value, unit: unit))
                case "business_hours": return .businessHours(minutes: try SLATarget.minutes(fromHours: value, unit: unit))
                default: return .businessDays(try SLATarget.days(from: value))
                }
            } catch {
                throw valueReader.error(error.description)
            }
        default:
            throw reader.error("unit", "unknown unit \"\(unit)\"; expected calendar_hours, business_hours, business_days or same_business_day")
        }
    }
}
