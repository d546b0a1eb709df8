import Foundation

/// Reads typed fields out of a ``ConfigNode`` object, naming the field path in every error.
struct ConfigReader {
    let node: ConfigNode
    let file: String?
    let path: String

    init(_ node: ConfigNode, file: String?, path: String = "") {
        self.node = node
        self.file = file
        self.path = path
    }

    func error(_ reason: String) -> ConfigError {
        ConfigError(file: file, field: path, reason: reason)
    }

    func error(_ field: String, _ reason: String) -> ConfigError {
        ConfigError(file: file, field: childPath(field), reason: reason)
    }

    func childPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// The object's entries; throws when the node is not an object.
    func entries() throws(ConfigError) -> [ConfigEntry] {
        guard case let .object(entries) = node else { throw error("must be an object, found \(node.kindName)") }
        return entries
    }

    /// Rejects keys outside `allowed` (typos such as `timezone` for `time_zone`).
    func rejectUnknownKeys(_ allowed: Set<String>) throws(ConfigError) {
        for entry in try entries() where !allowed.contains(entry.key) {
            throw error(entry.key, "unknown field; expected one of \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func child(_ key: String) throws(ConfigError) -> ConfigReader? {
        _ = try entries()
        guard let value = node[key], value != .null else { return nil }
        return ConfigReader(value, file: file, path: childPath(key))
    }

    func required(_ key: String) throws(ConfigError) -> ConfigReader {
        guard let child = try child(key) else { throw error(key, "required field is missing") }
        return child
    }

    func string() throws(ConfigError) -> String {
        switch node {
        case let .string(text, _): return text
        default: throw error("must be a string, found \(node.kindName)")
        }
    }

    func nonEmptyString() throws(ConfigError) -> String {
        let text = try string()
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw error("must not be empty") }
        return text
    }

    /// A version: a string or a whole number, written as text.
    func versionString() throws(ConfigError) -> String {
        switch node {
        case let .string(text, _) where !text.isEmpty: return text
        case let .integer(value): return String(value)
        default: throw error("must be a non-empty string or a whole number, found \(node.kindName)")
        }
    }

    func number() throws(ConfigError) -> Double {
        switch node {
        case let .integer(value): return Double(value)
        case let .number(value): return value
        default: throw error("must be a number, found \(node.kindName)")
        }
    }

    func integer() throws(ConfigError) -> Int {
        guard case let .integer(value) = node, let result = Int(exactly: value) else {
            throw error("must be a whole number, found \(node.kindName)")
        }
        return result
    }

    func bool() throws(ConfigError) -> Bool {
        guard case let .bool(value) = node else { throw error("must be true or false, found \(node.kindName)") }
        return value
    }

    func items() throws(ConfigError) -> [ConfigReader] {
        guard case let .array(values) = node else { throw error("must be a list, found \(node.kindName)") }
        return values.enumerated().map { ConfigReader($0.element, file: file, path: "\(path)[\($0.offset)]") }
    }

    func stringList() throws(ConfigError) -> [String] {
        var result: [String] = []
        for item in try items() { result.append(try item.nonEmptyString()) }
        return result
    }
}
