/// What triage decided for one ticket.
public struct TriageDecision: Sendable, Hashable {
    /// The classifier's intent for the whole text.
    public var intent: String
    /// Its confidence (softmax probability), `0...1`.
    public var confidence: Double
    /// The brand's category, when a brand is known.
    public var category: String?
    /// Whether the ticket is urgent (an urgent category or an urgent cue), when a brand is known.
    public var urgent: Bool?
    /// Whether the text carries several distinct requests.
    public var complex: Bool
    /// Whether the prediction was too uncertain to trust: the ticket is filed under the brand's
    /// default category and a person should look at it.
    public var needsReview: Bool
    /// The urgent cue that matched, if any.
    public var matchedCue: String?
    /// The model that decided.
    public var modelVersion: String

    /// Creates a decision.
    public init(
        intent: String, confidence: Double, category: String?, urgent: Bool?, complex: Bool, needsReview: Bool,
        matchedCue: String?, modelVersion: String
    ) {
        self.intent = intent
        self.confidence = confidence
        self.category = category
        self.urgent = urgent
        self.complex = complex
        self.needsReview = needsReview
        self.matchedCue = matchedCue
        self.modelVersion = modelVersion
    }
}
