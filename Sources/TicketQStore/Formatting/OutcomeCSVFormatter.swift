/// Formats outcomes as CSV (RFC 4180): a header row of column names, then one row per outcome.
///
/// A field is quoted when it contains a comma, a double quote, a carriage return or a line feed,
/// and quotes inside it are doubled. Missing values are empty fields, booleans are
/// `true`/`false`, timestamps are RFC 3339 UTC text (see ``UTCTimestamp``). Rows are returned
/// without a line terminator; RFC 4180 separates records with CRLF (``recordSeparator``).
public struct OutcomeCSVFormatter: Sendable {
    /// The line terminator RFC 4180 specifies between records.
    public static let recordSeparator = "\r\n"

    /// The columns written, in order.
    public let columns: [OutcomeColumn]

    /// Creates a formatter for `columns` (all of them by default).
    public init(columns: [OutcomeColumn] = OutcomeColumn.allCases) {
        self.columns = columns
    }

    /// The header row: the column names.
    public var header: String {
        columns.map { Self.field($0.rawValue) }.joined(separator: ",")
    }

    /// The row for `record`.
    public func row(for record: OutcomeRecord) -> String {
        columns.map { column in
            switch record.value(of: column) {
            case .text(let text): Self.field(text)
            case .integer(let integer): String(integer)
            case .bool(let bool): bool ? "true" : "false"
            case .timestamp(let milliseconds): UTCTimestamp.format(milliseconds: milliseconds)
            case .null: ""
            }
        }.joined(separator: ",")
    }

    /// `text` as one CSV field, quoted only when it must be.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }
        guard needsQuotes else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
