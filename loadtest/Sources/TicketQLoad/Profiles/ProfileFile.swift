import Foundation

/// A profile file: CSV rows of arrival counts in equal buckets, the count in the last column.
///
/// Lines starting with `#` are comments; `# bucket_seconds: N` sets the bucket length. Without
/// it, the length is the gap between the first two rows when the first column holds times
/// (`HH:MM` or `YYYY-MM-DD HH:MM`), else one minute. A header row is skipped.
public enum ProfileFile {
    /// Reads the shape in `path`.
    /// - Throws: ``LoadError`` naming the file and line of the first bad row.
    public static func read(path: String) throws(LoadError) -> ArrivalShape {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw LoadError("--profile: cannot read \(path)")
        }
        var bucketSeconds: Double?
        var counts: [Double] = []
        var times: [Double] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine).trimmingWhitespace()
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let comment = line.dropFirst().trimmingPrefixWhitespace()
                if comment.hasPrefix("bucket_seconds:") {
                    guard let value = Double(String(comment.dropFirst("bucket_seconds:".count)).trimmingWhitespace()), value > 0 else {
                        throw LoadError("\(path) line \(index + 1): bucket_seconds must be a positive number")
                    }
                    bucketSeconds = value
                }
                continue
            }
            let columns = line.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingWhitespace() }
            guard let last = columns.last, let count = Double(last) else {
                if counts.isEmpty { continue }  // the header
                throw LoadError("\(path) line \(index + 1): the last column must be an arrival count, found \"\(columns.last ?? "")\"")
            }
            guard count >= 0, count.isFinite else { throw LoadError("\(path) line \(index + 1): an arrival count cannot be negative") }
            counts.append(count)
            if columns.count > 1, let minutes = minutesOfDay(columns[0]) { times.append(minutes) }
        }
        guard counts.contains(where: { $0 > 0 }) else { throw LoadError("\(path): no arrivals found (each row needs a count in its last column)") }
        if bucketSeconds == nil, times.count >= 2, times[1] > times[0] { bucketSeconds = (times[1] - times[0]) * 60 }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return ArrivalShape(name: name, bucketSeconds: bucketSeconds ?? 60, counts: counts)
    }

    /// Minutes since midnight of a `HH:MM` time at the end of `text`.
    private static func minutesOfDay(_ text: String) -> Double? {
        let time = text.split(separator: " ").last.map(String.init) ?? text
        let parts = time.split(separator: ":")
        guard parts.count >= 2, let hours = Double(parts[0]), let minutes = Double(parts[1]) else { return nil }
        return hours * 60 + minutes
    }
}
