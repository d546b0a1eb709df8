/// What one ``SubmitCoalescer`` batch held, reported once it was sent.
public struct SubmitBatchSummary: Sendable {
    /// The requests the batch answered.
    public var requests: Int
    /// The tickets it planned.
    public var tickets: Int
    /// The submit script calls it made.
    public var submits: Int
}
