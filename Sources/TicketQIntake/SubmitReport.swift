/// What one submission did with its input.
public struct SubmitReport: Sendable {
    /// Tickets newly enqueued.
    public var accepted = 0
    /// Tickets whose id was already seen within the dedupe window (or is still live) with the
    /// same content.
    public var duplicates = 0
    /// Lines that were not valid tickets, or whose id holds other content (conflicts), with
    /// their line numbers and reasons.
    public var rejected: [TicketRejection] = []
    /// How many of ``rejected`` are conflicts: ids already submitted with other content.
    public var conflicts = 0
    /// Valid tickets Redis did not accept (it refused writes or became unreachable).
    public var notAccepted = 0
    /// Why Redis refused, when it did.
    public var refusal: String?
    /// Tickets whose receipt time lies in the future of the submitting clock.
    public var receivedInFuture = 0
    /// Tickets triage filed under the default category for want of a confident prediction.
    public var needsReview = 0

    /// Creates an empty report.
    public init() {}

    /// Every line read that held something.
    public var total: Int { accepted + duplicates + rejected.count + notAccepted }
}
