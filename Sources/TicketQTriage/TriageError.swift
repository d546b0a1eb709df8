/// Everything that can go wrong when reading data, training, or loading a model.
public enum TriageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A feature or training setting is out of range.
    case invalidConfiguration(String)
    /// The data set cannot be used for training (too few rows, a single intent, …).
    case unusableDataset(String)
    /// A CSV header lacks a required column.
    case missingColumn(String)
    /// A CSV row is malformed; `line` is the 1-based line on which the row starts.
    case malformedCSV(line: Int, reason: String)
    /// A CSV row has a required field left empty.
    case emptyField(line: Int, column: String)
    /// The bytes are not valid UTF-8.
    case invalidUTF8(line: Int)
    /// A model file cannot be decoded.
    case invalidModel(String)
    /// A file could not be read or written.
    case io(path: String, reason: String)

    /// A one-line explanation that names what was wrong.
    public var description: String {
        switch self {
        case .invalidConfiguration(let reason): "invalid configuration: \(reason)"
        case .unusableDataset(let reason): "unusable data set: \(reason)"
        case .missingColumn(let name): "CSV header has no column named '\(name)'"
        case .malformedCSV(let line, let reason): "malformed CSV at line \(line): \(reason)"
        case .emptyField(let line, let column): "CSV line \(line): field '\(column)' is empty"
        case .invalidUTF8(let line): "CSV line \(line): bytes are not valid UTF-8"
        case .invalidModel(let reason): "invalid model file: \(reason)"
        case .io(let path, let reason): "\(path): \(reason)"
        }
    }
}
