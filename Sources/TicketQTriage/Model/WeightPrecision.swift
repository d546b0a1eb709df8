/// How weights are stored in a model file.
public enum WeightPrecision: String, Sendable, Hashable, Codable, CaseIterable {
    /// One signed byte per weight, with one scale per intent.
    case int8
    /// IEEE 754 single precision.
    case float32
}
