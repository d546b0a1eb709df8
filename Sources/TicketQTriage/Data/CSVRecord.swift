/// One CSV record with the line it starts on, for error messages.
public struct CSVRecord: Sendable, Hashable {
    /// The 1-based line on which the record starts (a quoted field may span lines).
    public var line: Int
    /// The record's fields, unquoted.
    public var fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}
