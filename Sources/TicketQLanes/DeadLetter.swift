/// A ticket in the dead-letter set.
public struct DeadLetter: Sendable, Hashable {
    /// The ticket id.
    public let id: String
    /// When it was dead-lettered, milliseconds since the epoch.
    public let deadAtMillis: Int64
    /// The JSON object recorded with it: reason, attempts, last error, worker.
    public let infoJSON: String
    /// The payload, when asked for and still present.
    public let payload: [UInt8]?
}
