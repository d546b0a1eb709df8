import Foundation

/// A pass/fail condition on a run, written like k6's: `p99(same_business_day)<50ms`,
/// `lost==0`, `throughput_per_s>=40000`.
///
/// Metrics: `p50`, `p90`, `p99`, `p999` (or `p99.9`) and `max` of a lane (`same_business_day`,
/// `standard`, `extended` or `all`), in milliseconds unless a unit (`us`, `ms`, `s`) is given;
/// and any number of `summary.json`: `sent`, `completed`, `lost`, `duplicates`,
/// `duplicate_executions`, `throughput_per_s`, `capacity_per_s`, `offered_per_s`,
/// `completed_per_s`, `schedule_lag_p99_ms`, `duration_s`. Operators: `<`, `<=`, `>`, `>=`,
/// `==`, `!=`.
public struct ThresholdExpression: Sendable, Hashable {
    /// The text as written.
    public let text: String
    /// The metric: a summary field, or `pNN(lane)`.
    public let metric: String
    /// The comparison.
    public let comparison: String
    /// The limit, in the metric's unit (milliseconds for latencies).
    public let limit: Double

    static let summaryFields = [
        "sent", "completed", "lost", "duplicates", "duplicate_executions", "throughput_per_s", "capacity_per_s",
        "offered_per_s", "completed_per_s", "schedule_lag_p99_ms", "duration_s",
    ]
    static let percentiles = ["p50", "p90", "p99", "p999", "p99.9", "max"]
    static let lanes = ["same_business_day", "standard", "extended", "all"]

    /// Parses `text`.
    /// - Throws: ``LoadError`` naming what is wrong with it.
    public init(_ text: String) throws(LoadError) {
        self.text = text
        let compact = text.filter { !$0.isWhitespace }
        guard let operatorRange = ["<=", ">=", "==", "!=", "<", ">"].lazy.compactMap({ compact.range(of: $0) }).first else {
            throw LoadError("--threshold \"\(text)\": no comparison; write e.g. 'p99(same_business_day)<50ms' or 'lost==0'")
        }
        metric = String(compact[..<operatorRange.lowerBound])
        comparison = String(compact[operatorRange])
        var value = String(compact[operatorRange.upperBound...])
        var scale = 1.0
        let isLatency = metric.contains("(")
        for (unit, factor) in [("us", 0.001), ("ms", 1.0), ("s", 1000.0)] where value.hasSuffix(unit) {
            guard isLatency else { throw LoadError("--threshold \"\(text)\": a unit only goes with a latency like p99(lane)") }
            value.removeLast(unit.count)
            scale = factor
            break
        }
        guard let number = Double(value), number.isFinite else {
            throw LoadError("--threshold \"\(text)\": \"\(value)\" is not a number")
        }
        limit = number * scale
        if isLatency {
            guard let open = metric.firstIndex(of: "("), metric.hasSuffix(")"),
                  Self.percentiles.contains(String(metric[..<open])),
                  Self.lanes.contains(String(metric[metric.index(after: open)..<metric.index(before: metric.endIndex)])) else {
                throw LoadError("--threshold \"\(text)\": use p50, p90, p99, p999 or max of a lane (\(Self.lanes.joined(separator: ", ")))")
            }
        } else if !Self.summaryFields.contains(metric) {
            throw LoadError("--threshold \"\(text)\": unknown metric \"\(metric)\"; use pNN(lane) or one of \(Self.summaryFields.joined(separator: ", "))")
        }
    }

    /// Whether `actual` meets the condition.
    public func holds(for actual: Double) -> Bool {
        switch comparison {
        case "<": return actual < limit
        case "<=": return actual <= limit
        case ">": return actual > limit
        case ">=": return actual >= limit
        case "==": return actual == limit
        default: return actual != limit
        }
    }
}
