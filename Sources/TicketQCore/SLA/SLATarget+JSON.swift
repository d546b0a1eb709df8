extension SLATarget {
    /// The target as written in records: exactly `{"unit":…,"value":N}` or
    /// `{"unit":"same_business_day","cutoff":"HH:MM"}`.
    public var json: String {
        var object = JSONObjectWriter()
        object.add("unit", unit)
        switch self {
        case let .sameBusinessDay(cutoff): object.add("cutoff", cutoff.description)
        default: object.addRaw("value", SLATarget.formatValue(value ?? 0))
        }
        return object.json
    }
}
