import Histogram

/// Response-time percentiles of one lane (or of all), in milliseconds.
public struct LaneSummary: Codable, Sendable, Hashable {
    public var count: Int
    public var p50_ms: Double
    public var p90_ms: Double
    public var p99_ms: Double
    public var p999_ms: Double
    public var max_ms: Double

    /// Summarises a histogram of microseconds.
    public init(_ histogram: Histogram<UInt64>) {
        count = Int(histogram.totalCount)
        func millis(_ percentile: Double) -> Double {
            histogram.totalCount == 0 ? 0 : Double(histogram.valueAtPercentile(percentile)) / 1000
        }
        p50_ms = millis(50)
        p90_ms = millis(90)
        p99_ms = millis(99)
        p999_ms = millis(99.9)
        max_ms = histogram.totalCount == 0 ? 0 : Double(histogram.max) / 1000
    }
}
