import TicketQCore

/// Decides a ticket's intent, category, urgency and complexity from its text and its brand's
/// policy (`intents`, `urgent_cues`, `urgent_categories`).
///
/// - The intent comes from the classifier over the whole text. Below ``reviewThreshold`` the
///   ticket is filed under the brand's default category and marked `needs_review`.
/// - An urgent cue in the text makes the ticket urgent; a cue that names a category files it
///   there (the first matching cue in policy order wins).
/// - `complex` when at least two sentences or clauses are each classified with confidence of at
///   least ``complexThreshold`` into different categories (different intents without a brand).
public struct TicketTriager: Sendable {
    /// The classifier.
    public let model: IntentModel
    /// Confidence below which a prediction is not trusted.
    public var reviewThreshold: Double
    /// Confidence a segment needs to count as a separate request.
    public var complexThreshold: Double

    /// The default review threshold, chosen by measurement (see BENCHMARKS.md, "Triage").
    public static let defaultReviewThreshold = 0.5
    /// The default segment threshold for `complex`.
    public static let defaultComplexThreshold = 0.5

    /// Creates a triager.
    public init(model: IntentModel, reviewThreshold: Double = Self.defaultReviewThreshold, complexThreshold: Double = Self.defaultComplexThreshold) {
        self.model = model
        self.reviewThreshold = reviewThreshold
        self.complexThreshold = complexThreshold
    }

    /// Triage of a ticket's subject and body.
    public func triage(subject: String?, body: String?, policy: BrandPolicy?, using extractor: inout FeatureExtractor) -> TriageDecision {
        let text = [subject, body].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "\n")
        return triage(text: text, policy: policy, using: &extractor)
    }

    /// Triage of one text.
    public func triage(text: String, policy: BrandPolicy?) -> TriageDecision {
        var extractor = makeExtractor()
        return triage(text: text, policy: policy, using: &extractor)
    }

    /// A feature extractor for ``triage(text:policy:using:)``; keep one per thread and reuse it.
    public func makeExtractor() -> FeatureExtractor {
        FeatureExtractor(configuration: model.featureConfiguration)
    }

    /// Triage of one text, reusing `extractor`'s buffers (made by ``makeExtractor()``).
    public func triage(text: String, policy: BrandPolicy?, using extractor: inout FeatureExtractor) -> TriageDecision {
        let prediction = model.predict(text, using: &extractor)
        let needsReview = prediction.confidence < reviewThreshold
        let complex = isComplex(text, policy: policy, extractor: &extractor)
        guard let policy else {
            return TriageDecision(
                intent: prediction.intent, confidence: prediction.confidence, category: nil, urgent: nil, complex: complex,
                needsReview: needsReview, matchedCue: nil, modelVersion: model.modelVersion
            )
        }
        var category = needsReview ? policy.defaultCategory : policy.category(forIntent: prediction.intent)
        var cue: UrgentCue?
        if !policy.urgentCues.isEmpty {
            let words = UrgentCue.wordHashes(of: text)
            cue = policy.urgentCues.first { $0.occurs(in: words) }
            if let implied = cue?.category { category = implied }
        }
        return TriageDecision(
            intent: prediction.intent, confidence: prediction.confidence, category: category,
            urgent: cue != nil || policy.urgentCategories.contains(category), complex: complex,
            needsReview: needsReview, matchedCue: cue?.phrase, modelVersion: model.modelVersion
        )
    }

    private func isComplex(_ text: String, policy: BrandPolicy?, extractor: inout FeatureExtractor) -> Bool {
        let segments = RequestSegmenter.segments(of: text)
        guard segments.count >= 2 else { return false }
        var seen: Set<String> = []
        for segment in segments {
            let prediction = model.predict(String(segment), using: &extractor)
            guard prediction.confidence >= complexThreshold else { continue }
            seen.insert(policy.map { $0.category(forIntent: prediction.intent) } ?? prediction.intent)
            if seen.count >= 2 { return true }
        }
        return false
    }
}
