/// The classifier's answer for one text.
public struct IntentPrediction: Sendable, Hashable {
    /// The most likely intent.
    public var intent: String
    /// The softmax probability of `intent` over all intents' scores, in `0...1`.
    public var confidence: Double
    /// The second most likely intent.
    public var runnerUp: String
    /// The softmax probability of `runnerUp`.
    public var runnerUpConfidence: Double
    /// The raw score of `intent` minus that of `runnerUp` (never negative); small margins mark
    /// requests that are ambiguous between two intents.
    public var margin: Double

    /// Creates a prediction.
    public init(intent: String, confidence: Double, runnerUp: String, runnerUpConfidence: Double, margin: Double) {
        self.intent = intent
        self.confidence = confidence
        self.runnerUp = runnerUp
        self.runnerUpConfidence = runnerUpConfidence
        self.margin = margin
    }
}
