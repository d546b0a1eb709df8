/// A threshold checked against a run.
public struct ThresholdResult: Codable, Sendable, Hashable {
    /// The expression as written.
    public var expression: String
    /// The metric's value in the run (nil when the run has no such value, e.g. an empty lane).
    public var actual: Double?
    /// Whether it held.
    public var passed: Bool
}
