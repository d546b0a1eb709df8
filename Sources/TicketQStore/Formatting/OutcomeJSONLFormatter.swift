/// Formats outcomes as JSON Lines: one JSON object per outcome, keyed by column name.
///
/// Keys appear in table order. Text is a JSON string (UTF-8, with `"`, `\` and control
/// characters escaped), integers are numbers, booleans are `true`/`false`, missing values are
/// `null`, and timestamps are RFC 3339 UTC strings (see ``UTCTimestamp``).
public struct OutcomeJSONLFormatter: Sendable {
    /// The columns written, in order.
    public let columns: [OutcomeColumn]

    /// Creates a formatter for `columns` (all of them by default).
    public init(columns: [OutcomeColumn] = OutcomeColumn.allCases) {
        self.columns = columns
    }

    /// The JSON object for `record`, without a line terminator.
    public func line(for record: OutcomeRecord) -> String {
        var line = "{"
        for (position, column) in columns.enumerated() {
            if position > 0 { line += "," }
            Self.appendString(column.rawValue, to: &line)
            line += ":"
            switch record.value(of: column) {
            case .text(let text): Self.appendString(text, to: &line)
            case .integer(let integer): line += String(integer)
            case .bool(let bool): line += bool ? "true" : "false"
            case .timestamp(let milliseconds): Self.appendString(UTCTimestamp.format(milliseconds: milliseconds), to: &line)
            case .null: line += "null"
            }
        }
        return line + "}"
    }

    /// Appends `text` as a quoted, escaped JSON string.
    static func appendString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
