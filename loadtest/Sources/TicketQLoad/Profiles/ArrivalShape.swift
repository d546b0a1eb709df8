/// A real arrival pattern: counts in equal buckets, as recorded. Only its shape is used; a
/// profile scales it to a peak rate and a duration.
public struct ArrivalShape: Sendable, Hashable {
    /// The shape's name.
    public let name: String
    /// The length of one bucket in the recording, in seconds.
    public let bucketSeconds: Double
    /// Arrivals per bucket.
    public let counts: [Double]

    /// Creates a shape.
    public init(name: String, bucketSeconds: Double, counts: [Double]) {
        self.name = name
        self.bucketSeconds = bucketSeconds
        self.counts = counts
    }

    /// The time the recording spans, in seconds.
    public var recordedSeconds: Double { bucketSeconds * Double(counts.count) }

    /// The largest bucket's rate in the recording, in arrivals per second.
    public var recordedPeakRate: Double { (counts.max() ?? 0) / bucketSeconds }
}
