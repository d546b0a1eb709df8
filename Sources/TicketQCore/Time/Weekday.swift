/// A day of the week, keyed as in calendar files (`mon` … `sun`).
public enum Weekday: String, Sendable, Hashable, CaseIterable {
    case mon, tue, wed, thu, fri, sat, sun
}
