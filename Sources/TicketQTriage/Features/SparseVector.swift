/// A sparse feature vector: bucket indices with their values, in extraction order.
public struct SparseVector: Sendable, Hashable {
    /// The bucket of each non-zero entry; every bucket appears once.
    public var indices: [Int32]
    /// The value of each non-zero entry.
    public var values: [Float]

    /// Creates a vector from parallel arrays of equal length.
    public init(indices: [Int32] = [], values: [Float] = []) {
        precondition(indices.count == values.count, "indices and values must have the same length")
        self.indices = indices
        self.values = values
    }

    /// The number of non-zero entries.
    public var count: Int { indices.count }
}
