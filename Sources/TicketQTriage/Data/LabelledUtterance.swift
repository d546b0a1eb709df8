/// One training or evaluation example: a customer request and its intent.
public struct LabelledUtterance: Sendable, Hashable {
    /// The customer's text.
    public var text: String
    /// The intent label, such as `track_order`.
    public var intent: String

    /// Creates an example.
    public init(text: String, intent: String) {
        self.text = text
        self.intent = intent
    }
}
