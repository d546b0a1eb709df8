import Yams

extension ConfigNode {
    /// Parses one YAML document (YAML 1.2 core scalars; bare scalars that are not null, booleans
    /// or numbers stay unquoted strings so that validation can insist on quoted times).
    ///
    /// - Throws: ``ConfigError`` with the line and column of a syntax error.
    public static func parseYAML(_ text: String, file: String? = nil) throws(ConfigError) -> ConfigNode {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(file: file, field: "", reason: "not valid YAML (\(YAMLErrorText.describe(error)))")
        } catch {
            throw ConfigError(file: file, field: "", reason: "not valid YAML (\(error))")
        }
        guard let node else { throw ConfigError(file: file, field: "", reason: "the file is empty") }
        return try convert(node, file: file, path: "")
    }

    private static func convert(_ node: Node, file: String?, path: String) throws(ConfigError) -> ConfigNode {
        switch node {
        case let .scalar(scalar):
            return convert(scalar)
        case let .sequence(sequence):
            var items: [ConfigNode] = []
            for (index, item) in sequence.enumerated() {
                items.append(try convert(item, file: file, path: "\(path)[\(index)]"))
            }
            return .array(items)
        case let .mapping(mapping):
            var entries: [ConfigEntry] = []
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else {
                    throw ConfigError(file: file, field: path, reason: "keys must be plain strings")
                }
                let childPath = path.isEmpty ? keyScalar.string : "\(path).\(keyScalar.string)"
                guard !entries.contains(where: { $0.key == keyScalar.string }) else {
                    throw ConfigError(file: file, field: childPath, reason: "key appears twice")
                }
                entries.append(ConfigEntry(key: keyScalar.string, value: try convert(value, file: file, path: childPath)))
            }
            return .object(entries)
        case let .alias(alias):
            throw ConfigError(file: file, field: path, reason: "YAML alias *\(alias.anchor.rawValue) is not supported")
        }
    }

    private static func convert(_ scalar: Node.Scalar) -> ConfigNode {
        let text = scalar.string
        guard scalar.style == .plain else { return .string(text, quoted: true) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        if let integer = Int64(text) { return .integer(integer) }
        if text.contains(where: { $0.isNumber }), !text.contains(":"), let number = Double(text), number.isFinite {
            return .number(number)
        }
        return .string(text, quoted: false)
    }
}

/// Short descriptions of Yams errors with their position.
enum YAMLErrorText {
    static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let prefix = context.map { "\($0.text), " } ?? ""
            return "\(prefix)\(problem) at line \(mark.line), column \(mark.column)"
        default:
            return String(describing: error)
        }
    }
}
