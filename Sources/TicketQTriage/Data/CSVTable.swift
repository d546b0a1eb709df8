/// A CSV file: its header and the records below it, all with the header's field count.
public struct CSVTable: Sendable, Hashable {
    /// The column names from the first record.
    public var header: [String]
    /// The data records.
    public var records: [CSVRecord]

    /// Creates a table.
    public init(header: [String], records: [CSVRecord]) {
        self.header = header
        self.records = records
    }

    /// The position of the column called `name`.
    public func column(named name: String) throws(TriageError) -> Int {
        guard let index = header.firstIndex(of: name) else { throw .missingColumn(name) }
        return index
    }
}
