/// Durations as operators write them: `250ms`, `30s`, `5m`, `1h`, `2d`, or sums like `1h30m`.
public enum LoadDuration {
    /// Parses `text` into seconds.
    ///
    /// - Parameter option: the option or field the text came from, for the error.
    /// - Throws: ``LoadError`` naming the option and the text when it is not a duration.
    public static func seconds(_ text: String, option: String) throws(LoadError) -> Double {
        let trimmed = text.trimmingWhitespace()
        let problem = LoadError("\(option): \(quoted(text)) is not a duration; write a number and a unit, e.g. 250ms, 30s, 5m, 1h or 1h30m")
        guard !trimmed.isEmpty else { throw problem }
        var total = 0.0
        var rest = Substring(trimmed)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { throw problem }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "ms": total += value / 1000
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86400
            default: throw problem
            }
        }
        guard total > 0, total.isFinite else { throw LoadError("\(option): \(quoted(text)) must be longer than zero") }
        return total
    }

    /// Writes seconds back the way they are read: `90s` → `1m30s`, `0.25` → `250ms`.
    public static func format(_ seconds: Double) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        var remaining = Int(seconds.rounded())
        var parts: [String] = []
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where remaining >= size {
            parts.append("\(remaining / size)\(unit)")
            remaining %= size
        }
        return parts.joined()
    }

    private static func quoted(_ text: String) -> String { "\"\(text)\"" }
}
