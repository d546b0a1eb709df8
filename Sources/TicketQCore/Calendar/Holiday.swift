/// A full-day closure on a local date in the calendar's zone (spec §2 rule 5).
public struct Holiday: Sendable, Hashable {
    /// The closed date.
    public let date: LocalDate
    /// A human-readable name, e.g. "Thanksgiving Day".
    public let name: String

    /// Creates a holiday.
    public init(date: LocalDate, name: String) {
        self.date = date
        self.name = name
    }
}
