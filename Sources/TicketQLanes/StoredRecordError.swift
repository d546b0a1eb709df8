/// Why a record read from Redis could not be decoded: which record, and what is wrong with it.
public struct StoredRecordError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of record, e.g. `dead-letter info`.
    public let record: String
    /// What is wrong, naming the field.
    public let problem: String

    /// Creates an error.
    public init(record: String, problem: String) {
        self.record = record
        self.problem = problem
    }

    public var description: String { "\(record): \(problem)" }
}
