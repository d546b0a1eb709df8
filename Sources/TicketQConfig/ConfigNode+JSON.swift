import Foundation

extension ConfigNode: Decodable {
    /// Decodes any JSON value; object keys are sorted, since JSON objects carry no order.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value, quoted: true)
        } else if let value = try? container.decode([ConfigNode].self) {
            self = .array(value)
        } else {
            let object = try container.decode([String: ConfigNode].self)
            self = .object(object.keys.sorted().map { ConfigEntry(key: $0, value: object[$0]!) })
        }
    }

    /// Parses one JSON document.
    ///
    /// - Throws: ``ConfigError`` with the parser's reason when the text is not valid JSON.
    public static func parseJSON(_ data: Data, file: String? = nil) throws(ConfigError) -> ConfigNode {
        do {
            return try JSONDecoder().decode(ConfigNode.self, from: data)
        } catch {
            throw ConfigError(file: file, field: "", reason: "not valid JSON (\(JSONErrorText.describe(error)))")
        }
    }
}

/// Short, readable descriptions of `DecodingError`s.
enum JSONErrorText {
    static func describe(_ error: any Error) -> String {
        guard let decodingError = error as? DecodingError else { return String(describing: error) }
        switch decodingError {
        case let .dataCorrupted(context):
            if let underlying = context.underlyingError { return String(describing: underlying) }
            return context.codingPath.isEmpty ? "malformed JSON text" : context.debugDescription
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .keyNotFound(_, context):
            return context.debugDescription
        @unknown default:
            return String(describing: decodingError)
        }
    }
}
