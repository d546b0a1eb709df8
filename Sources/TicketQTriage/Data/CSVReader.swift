import Foundation

/// Reads comma-separated values as RFC 4180 defines them: fields may be quoted, a quoted field
/// may hold commas, line breaks and doubled quotes (`""` for `"`), and records end with CRLF or
/// LF. A leading UTF-8 byte-order mark is skipped. Every malformed record is an error naming
/// the line it starts on; nothing is silently repaired.
public enum CSVReader {
    private static let quote = UInt8(ascii: "\"")
    private static let comma = UInt8(ascii: ",")
    private static let lineFeed = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r")

    /// Parses `data`; the first record is the header and every record must have its field count.
    public static func parse(_ data: Data) throws(TriageError) -> CSVTable {
        let records = try records(in: [UInt8](data))
        guard let header = records.first else { throw .malformedCSV(line: 1, reason: "the file is empty") }
        for record in records.dropFirst() where record.fields.count != header.fields.count {
            throw .malformedCSV(
                line: record.line,
                reason: "expected \(header.fields.count) fields as in the header, found \(record.fields.count)"
            )
        }
        return CSVTable(header: header.fields, records: Array(records.dropFirst()))
    }

    /// Splits `bytes` into records without checking field counts.
    public static func records(in bytes: [UInt8]) throws(TriageError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        while index < bytes.count {
            let recordLine = line
            var fields: [String] = []
            var field: [UInt8] = []
            var atRecordEnd = false
            while !atRecordEnd {
                field.removeAll(keepingCapacity: true)
                if index < bytes.count, bytes[index] == quote {
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        index += 1
                        if byte == quote {
                            if index < bytes.count, bytes[index] == quote {
                                field.append(quote)
                                index += 1
                            } else {
                                closed = true
                                break
                            }
                        } else {
                            if byte == lineFeed { line += 1 }
                            field.append(byte)
                        }
                    }
                    guard closed else {
                        throw .malformedCSV(line: recordLine, reason: "quoted field is never closed")
                    }
                    if index < bytes.count, bytes[index] != comma, bytes[index] != lineFeed, bytes[index] != carriageReturn {
                        throw .malformedCSV(
                            line: line,
                            reason: "unexpected character '\(Character(Unicode.Scalar(bytes[index])))' after a closing quote"
                        )
                    }
                } else {
                    while index < bytes.count {
                        let byte = bytes[index]
                        if byte == comma || byte == lineFeed || byte == carriageReturn { break }
                        if byte == quote {
                            throw .malformedCSV(line: line, reason: "quote inside an unquoted field")
                        }
                        field.append(byte)
                        index += 1
                    }
                }
                guard let text = String(validating: field, as: UTF8.self) else {
                    throw .invalidUTF8(line: recordLine)
                }
                fields.append(text)
                if index >= bytes.count {
                    atRecordEnd = true
                } else if bytes[index] == comma {
                    index += 1
                } else {
                    if bytes[index] == carriageReturn {
                        index += 1
                        guard index < bytes.count, bytes[index] == lineFeed else {
                            throw .malformedCSV(line: line, reason: "carriage return not followed by a line feed")
                        }
                    }
                    index += 1
                    line += 1
                    atRecordEnd = true
                }
            }
            records.append(CSVRecord(line: recordLine, fields: fields))
        }
        return records
    }
}
