/// A finished scenario: its summary and series, written to the output directory.
public struct ScenarioResult: Sendable {
    /// `summary.json`'s content.
    public var summary: RunSummary
    /// The per-second series.
    public var series: RunSeries
    /// The files written.
    public var files: [String]

    /// The exit status k6 uses: 99 when a threshold failed, 1 when the run failed otherwise.
    public var exitStatus: Int32 {
        if summary.thresholdFailed { return 99 }
        return summary.passed ? 0 : 1
    }
}
