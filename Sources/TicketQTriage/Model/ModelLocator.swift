import Foundation

/// Finds the triage model without looking in the current directory: `--model PATH`, else
/// `$TICKETQ_MODEL`, else `/usr/share/ticketq/triage-model.bin` when present, else the model
/// compiled into the binary (`data/triage-model.bin` at build time).
public enum ModelLocator {
    /// The environment variable naming a model file.
    public static let environmentVariable = "TICKETQ_MODEL"
    /// The system-wide location checked before the built-in model.
    public static let systemPath = "/usr/share/ticketq/triage-model.bin"

    /// Where a model came from.
    public enum Source: Sendable, Hashable, CustomStringConvertible {
        case option(String)
        case environment(String)
        case system(String)
        case builtIn

        public var description: String {
            switch self {
            case let .option(path): "--model \(path)"
            case let .environment(path): "$\(ModelLocator.environmentVariable) (\(path))"
            case let .system(path): path
            case .builtIn: "the built-in model"
            }
        }
    }

    /// Loads the model by the lookup order.
    /// - Throws: ``TriageError`` naming the file when an explicitly named model cannot be read.
    public static func load(
        explicitPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(TriageError) -> (model: IntentModel, source: Source) {
        if let explicitPath { return (try ModelFile.load(path: explicitPath), .option(explicitPath)) }
        if let path = environment[environmentVariable], !path.isEmpty { return (try ModelFile.load(path: path), .environment(path)) }
        if FileManager.default.isReadableFile(atPath: systemPath) { return (try ModelFile.load(path: systemPath), .system(systemPath)) }
        return (try builtIn(), .builtIn)
    }

    /// The model compiled into the binary.
    public static func builtIn() throws(TriageError) -> IntentModel {
        guard let data = Data(base64Encoded: EmbeddedModel.base64, options: .ignoreUnknownCharacters) else {
            throw .invalidModel("the built-in model's embedded base64 text is corrupt")
        }
        return try ModelFile.decode(data)
    }
}
