import Foundation

/// Writes a run's files: `summary.json`, `timeseries.jsonl` and `report.html`.
public enum RunOutput {
    /// Writes the files into `directory` (created if needed); returns their paths.
    /// - Throws: ``LoadError`` naming the file that could not be written.
    @discardableResult
    public static func write(summary: RunSummary, series: RunSeries, to directory: String) throws(LoadError) -> [String] {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw LoadError("--out: cannot create \(directory): \(error.localizedDescription)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let files: [(String, Data)]
        do {
            files = [
                ("summary.json", try encoder.encode(summary) + Data("\n".utf8)),
                ("timeseries.jsonl", Data(series.jsonLines.utf8)),
                ("report.html", Data(ReportPage.render(summary: summary, series: series).utf8)),
            ]
        } catch {
            throw LoadError("cannot encode the summary: \(error)")
        }
        var paths: [String] = []
        for (name, data) in files {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.createFile(atPath: path, contents: data) else { throw LoadError("cannot write \(path)") }
            paths.append(path)
        }
        return paths
    }
}
