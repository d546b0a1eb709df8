import Foundation

/// One configuration document: where it came from and its text.
public struct ConfigFile: Sendable, Hashable {
    /// A display path, e.g. `brands/mejurn.yaml` or an absolute path on disk.
    public let path: String
    /// The document's text.
    public let contents: String

    /// Creates a config file.
    public init(path: String, contents: String) {
        self.path = path
        self.contents = contents
    }

    /// Whether the file is JSON (by extension); everything else is read as YAML.
    public var isJSON: Bool { path.hasSuffix(".json") }

    /// Parses the document.
    public func parse() throws(ConfigError) -> ConfigNode {
        isJSON ? try ConfigNode.parseJSON(Data(contents.utf8), file: path) : try ConfigNode.parseYAML(contents, file: path)
    }
}
