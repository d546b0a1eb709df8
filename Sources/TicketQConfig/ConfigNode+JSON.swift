import Foundation

extension ConfigNode {
    /// Parses one JSON document.
    ///
    /// - Throws: ``ConfigError`` with the column and reason when the text is not valid JSON.
    public static func parseJSON(_ data: Data, file: String? = nil) throws(ConfigError) -> ConfigNode {
        do {
            return try JSONParser.parse(data)
        } catch {
            throw ConfigError(file: file, field: "", reason: "not valid JSON: \(error)")
        }
    }
}
