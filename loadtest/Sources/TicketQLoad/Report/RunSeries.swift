import Histogram
import TicketQCore

/// The per-second series of a run, for `timeseries.jsonl` and the report's plots.
public struct RunSeries: Codable, Sendable {
    /// Tickets offered (sent) per second.
    public var offered: [Int]
    /// Durable outcomes per second.
    public var completed: [Int]
    /// Backlog (queued and retrying) per lane per second.
    public var backlog: [String: [Int]]
    /// Median and p99 response time of the outcomes of each second, in milliseconds.
    public var p50_ms: [Double]
    public var p99_ms: [Double]
    /// Percentile spectrum per lane for the distribution plot: (percentile, milliseconds).
    public var spectrum: [String: [[Double]]]

    /// Assembles the series of a phase.
    public init(_ phase: PhaseResult) {
        let length = max(phase.scheduled?.offeredPerSecond.count ?? 0, phase.latency.completedPerSecond.count, phase.backlog.samples.count)
        func padded(_ values: [Int]) -> [Int] { values + Array(repeating: 0, count: max(0, length - values.count)) }
        var offered = padded(phase.scheduled?.offeredPerSecond ?? [])
        if let preload = phase.preload, preload.sent > 0, !offered.isEmpty { offered[0] += preload.sent }
        self.offered = offered
        completed = padded(phase.latency.completedPerSecond)
        var backlog: [String: [Int]] = [:]
        for lane in Lane.allCases {
            backlog[lane.rawValue] = padded(phase.backlog.samples.map { $0[lane] ?? 0 })
        }
        self.backlog = backlog
        let seconds = phase.latency.perSecond
        p50_ms = (0..<length).map { $0 < seconds.count && seconds[$0].totalCount > 0 ? Double(seconds[$0].valueAtPercentile(50)) / 1000 : 0 }
        p99_ms = (0..<length).map { $0 < seconds.count && seconds[$0].totalCount > 0 ? Double(seconds[$0].valueAtPercentile(99)) / 1000 : 0 }
        var spectrum: [String: [[Double]]] = [:]
        for (lane, histogram) in phase.latency.byLane where histogram.totalCount > 0 {
            spectrum[lane.rawValue] = Self.spectrum(histogram)
        }
        self.spectrum = spectrum
    }

    /// Points of the percentile spectrum up to 99.99 % and the maximum.
    static func spectrum(_ histogram: Histogram<UInt64>) -> [[Double]] {
        var points: [[Double]] = []
        for percentile in [0.0, 10, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99] {
            points.append([percentile, Double(histogram.valueAtPercentile(percentile)) / 1000])
        }
        points.append([100, Double(histogram.max) / 1000])
        return points
    }

    /// One JSON object per second.
    public var jsonLines: String {
        var lines: [String] = []
        for second in offered.indices {
            var fields = ["\"second\":\(second)", "\"offered\":\(offered[second])", "\"completed\":\(completed[second])"]
            for lane in Lane.allCases { fields.append("\"backlog_\(lane.rawValue)\":\(backlog[lane.rawValue]?[second] ?? 0)") }
            fields.append("\"p50_ms\":\(p50_ms[second])")
            fields.append("\"p99_ms\":\(p99_ms[second])")
            lines.append("{" + fields.joined(separator: ",") + "}")
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }
}
