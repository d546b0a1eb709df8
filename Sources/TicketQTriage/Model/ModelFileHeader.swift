/// The JSON header of a model file (see `ModelFile` for the layout).
struct ModelFileHeader: Codable, Sendable, Equatable {
    /// Identifies the model; see `ModelFile.version(header:payload:)`.
    var modelVersion: String
    /// The intents, in score order.
    var intents: [String]
    /// The feature settings.
    var features: FeatureConfiguration
    /// The training settings.
    var training: TrainingConfiguration
    /// The number of weight rows in the payload.
    var rowCount: Int
    /// Provenance and licence notice.
    var notice: String
}
