/// The queue lane a ticket is placed in, which decides its response target and its priority.
///
/// `sameBusinessDay` is the urgent lane; `extended` and `standard` form one
/// earliest-deadline-first tier below it (spec §6).
public enum Lane: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Urgent matters, due by the close of the same (or next) business day.
    case sameBusinessDay = "same_business_day"
    /// Complex tickets or tickets received while the brand is in high-volume mode.
    case extended
    /// Everything else.
    case standard

    /// The lane's name as written in policies, outcomes and metrics labels.
    public var description: String { rawValue }
}
