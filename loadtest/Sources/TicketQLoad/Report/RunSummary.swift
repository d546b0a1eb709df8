/// `summary.json`: the run's results, schema-versioned. Field names are part of the contract.
public struct RunSummary: Codable, Sendable {
    /// The schema's version; bumped when a field changes meaning or goes away.
    public var schema = RunSummary.schemaVersion
    public var scenario: String
    public var sent: Int
    public var completed: Int
    public var lost: Int
    public var duplicates: Int
    public var duplicate_executions: Int
    public var duration_s: Double
    public var throughput_per_s: Double
    public var capacity_per_s: Double?
    public var offered_per_s: Double
    public var completed_per_s: Double
    public var lanes: [String: LaneSummary]
    /// Every lane together.
    public var all_lanes: LaneSummary
    public var schedule_lag_p50_ms: Double
    public var schedule_lag_p99_ms: Double
    public var schedule_lag_max_ms: Double
    /// Tickets sent more than a millisecond late.
    public var late_sends: Int
    public var harness_overloaded: Bool
    /// Whether the sender ran at real-time priority (see `ThreadPriority`).
    public var sender_realtime: Bool
    public var thresholds: [ThresholdResult]
    public var passed: Bool
    /// Why `passed` is false, one line each.
    public var failures: [String]
    /// Remarks that do not fail the run (e.g. a short capacity drain).
    public var notes: [String] = []
    /// Redis's answers at intake.
    public var intake: IntakeCounts
    public var dead: Int
    public var superseded: Int
    public var kills: Int
    /// The bound on duplicate executions with kills: kills × concurrency.
    public var duplicate_executions_bound: Int?
    public var timed_out: Bool
    /// The faults a chaos run injected (absent for other scenarios).
    public var faults: [FaultSummary]?
    /// Tickets settled by a redelivery after a fault (chaos runs).
    public var redelivered: Int?
    /// p99 of the time from a fault to the redelivered ticket's claim, in seconds (chaos runs;
    /// null when nothing was redelivered).
    public var redelivery_p99_s: Double?
    /// The bound `passed` holds the redelivery p99 to: the lease plus five seconds (chaos runs).
    public var redelivery_bound_s: Double?
    /// p99 of the response times of tickets untouched by any fault, in ms (chaos runs): delivered
    /// once, and not alive while Redis was killed or stalled (see ``RedisOutages``).
    public var untouched_p99_ms: Double?
    /// p99 of the response times of every ticket delivered once, Redis outages or not, in ms
    /// (chaos runs).
    public var delivered_once_p99_ms: Double?
    /// The peer measured in the same run, if any.
    public var peer: PeerComparison?
    public var metadata: RunMetadata

    /// The current schema version.
    public static let schemaVersion = 1

    /// Redis's answers at intake.
    public struct IntakeCounts: Codable, Sendable {
        public var accepted: Int
        public var duplicates: Int
        public var refused: Int
        public var rejected: Int
        public var first_refusal: String?
    }

    /// The value of a threshold's metric.
    public func value(of metric: String) -> Double? {
        if let open = metric.firstIndex(of: "(") {
            let percentile = String(metric[..<open])
            let lane = String(metric[metric.index(after: open)..<metric.index(before: metric.endIndex)])
            guard let figures = lane == "all" ? all_lanes : lanes[lane], figures.count > 0 else { return nil }
            switch percentile {
            case "p50": return figures.p50_ms
            case "p90": return figures.p90_ms
            case "p99": return figures.p99_ms
            case "p999", "p99.9": return figures.p999_ms
            default: return figures.max_ms
            }
        }
        switch metric {
        case "sent": return Double(sent)
        case "completed": return Double(completed)
        case "lost": return Double(lost)
        case "duplicates": return Double(duplicates)
        case "duplicate_executions": return Double(duplicate_executions)
        case "throughput_per_s": return throughput_per_s
        case "capacity_per_s": return capacity_per_s
        case "offered_per_s": return offered_per_s
        case "completed_per_s": return completed_per_s
        case "schedule_lag_p99_ms": return schedule_lag_p99_ms
        case "duration_s": return duration_s
        case "redelivery_p99_s": return redelivery_p99_s
        case "untouched_p99_ms": return untouched_p99_ms
        case "delivered_once_p99_ms": return delivered_once_p99_ms
        default: return nil
        }
    }

    /// Checks `expressions`, records them and updates `passed`.
    public mutating func check(_ expressions: [ThresholdExpression]) {
        thresholds = expressions.map { expression in
            let actual = value(of: expression.metric)
            return ThresholdResult(expression: expression.text, actual: actual, passed: actual.map(expression.holds) ?? false)
        }
        for result in thresholds where !result.passed {
            failures.append("threshold \(result.expression) failed (actual \(result.actual.map { String($0) } ?? "no value"))")
        }
        passed = failures.isEmpty
    }

    /// Whether any threshold failed.
    public var thresholdFailed: Bool { thresholds.contains { !$0.passed } }
}
