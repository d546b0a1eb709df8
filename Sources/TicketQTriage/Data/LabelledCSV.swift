import Foundation

/// Loads labelled utterances from a CSV file with a text column and an intent column, such as
/// the Bitext customer-support file (`flags,utterance,category,intent`).
public enum LabelledCSV {
    /// The examples in `data`; every row must have a non-empty text and intent.
    public static func examples(
        from data: Data, textColumn: String = "utterance", intentColumn: String = "intent"
    ) throws(TriageError) -> [LabelledUtterance] {
        let table = try CSVReader.parse(data)
        let text = try table.column(named: textColumn)
        let intent = try table.column(named: intentColumn)
        var examples: [LabelledUtterance] = []
        examples.reserveCapacity(table.records.count)
        for record in table.records {
            guard !record.fields[text].isEmpty else { throw .emptyField(line: record.line, column: textColumn) }
            guard !record.fields[intent].isEmpty else { throw .emptyField(line: record.line, column: intentColumn) }
            examples.append(LabelledUtterance(text: record.fields[text], intent: record.fields[intent]))
        }
        guard !examples.isEmpty else { throw .unusableDataset("the CSV file has a header but no rows") }
        return examples
    }

    /// The examples in the CSV file at `path`.
    public static func examples(
        path: String, textColumn: String = "utterance", intentColumn: String = "intent"
    ) throws(TriageError) -> [LabelledUtterance] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path: path, reason: "cannot read CSV file: \(error.localizedDescription)")
        }
        return try examples(from: data, textColumn: textColumn, intentColumn: intentColumn)
    }
}
