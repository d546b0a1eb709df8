import Foundation

/// The summary as printed on the terminal at the end of a run.
public enum SummaryText {
    /// Renders the summary.
    public static func render(_ summary: RunSummary) -> String {
        var lines: [String] = []
        lines.append("scenario \(summary.scenario): \(summary.passed ? "PASSED" : "FAILED")")
        lines.append(String(format: "  sent %d, completed %d, lost %d, duplicates %d, duplicate executions %d, workers killed %d",
                            summary.sent, summary.completed, summary.lost, summary.duplicates, summary.duplicate_executions, summary.kills))
        var rates = String(format: "  throughput %.0f/s, offered %.0f/s, completed %.0f/s over %.2f s",
                           summary.throughput_per_s, summary.offered_per_s, summary.completed_per_s, summary.duration_s)
        if let capacity = summary.capacity_per_s { rates += String(format: ", capacity %.0f/s", capacity) }
        lines.append(rates)
        lines.append(String(format: "  schedule lag p50 %.3f ms, p99 %.3f ms, max %.3f ms, %d late sends%@",
                            summary.schedule_lag_p50_ms, summary.schedule_lag_p99_ms, summary.schedule_lag_max_ms, summary.late_sends,
                            summary.harness_overloaded ? " — harness overloaded" : ""))
        lines.append("  response time, intended arrival → durable outcome:")
        lines.append("    lane                  tickets      p50      p90      p99    p99.9      max")
        for lane in summary.lanes.keys.sorted() { lines.append(row(lane, summary.lanes[lane]!)) }
        lines.append(row("all", summary.all_lanes))
        if let faults = summary.faults {
            let milliseconds: (Double?) -> String = { $0.map { String(format: "%.2f ms", $0) } ?? "none" }
            let redelivery = summary.redelivery_p99_s.map { String(format: "%.1f s", $0) } ?? "none"
            lines.append("  faults \(faults.count); redelivered \(summary.redelivered ?? 0), redelivery p99 \(redelivery)")
            lines.append("  p99 of tickets untouched by a fault \(milliseconds(summary.untouched_p99_ms)), of all delivered once \(milliseconds(summary.delivered_once_p99_ms))")
        }
        if let peer = summary.peer {
            if let drain = peer.drain_throughput_per_s {
                let ratio = peer.drain_ratio.map { String(format: "; ticketq ÷ %@ = %.2f×", peer.peer, $0) } ?? ""
                lines.append(String(format: "  %@ %@ drain %.0f/s%@", peer.peer, peer.version, drain, ratio))
            }
            if let p99 = peer.steady_p99_ms {
                lines.append(String(format: "  %@ steady: offered %.0f/s, p50 %.2f ms, p99 %.2f ms", peer.peer, peer.steady_offered_per_s ?? 0, peer.steady_p50_ms ?? 0, p99))
            }
        }
        for threshold in summary.thresholds {
            lines.append("  \(threshold.passed ? "✓" : "✗") \(threshold.expression) (actual \(threshold.actual.map { String(format: "%.3f", $0) } ?? "none"))")
        }
        for note in summary.notes { lines.append("  note: \(note)") }
        for failure in summary.failures where !failure.hasPrefix("threshold ") { lines.append("  ✗ \(failure)") }
        return lines.joined(separator: "\n")
    }

    private static func row(_ name: String, _ figures: LaneSummary) -> String {
        let padded = name.padding(toLength: 20, withPad: " ", startingAt: 0)
        return "    \(padded)" + String(format: "%9d %8.2f %8.2f %8.2f %8.2f %8.2f", figures.count, figures.p50_ms, figures.p90_ms, figures.p99_ms, figures.p999_ms, figures.max_ms) + "  ms"
    }
}
