/// Histogram bucket edges shared by every ticketq process.
public enum MetricBuckets {
    /// Ticket latencies in seconds, from 1 ms to a week. The edges include the lanes' response
    /// targets: the same business day (≤ 12 h of opening hours), 24 and 48 business hours and
    /// 1–2 business days, which span up to 3–5 calendar days over weekends and holidays.
    public static let ticketSeconds: [Double] = [
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 1800,
        3600, 7200, 14400, 28800, 43200, 86400, 172_800, 259_200, 345_600, 604_800,
    ]

    /// Redis round trips and outcome-store commits, in seconds.
    public static let operationSeconds: [Double] = [
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1,
    ]

    /// Outcomes per group commit.
    public static let batchSizes: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048]
}
