/// Examples as a compressed sparse row matrix over the feature columns they actually use.
///
/// Buckets are renumbered densely in order of first appearance, so the training weights stay
/// small and cache-friendly however large the hashed feature space is.
struct FeatureMatrix: Sendable {
    /// Row `i` spans `rowOffsets[i] ..< rowOffsets[i + 1]` in `columns` and `values`.
    let rowOffsets: [Int]
    /// The dense column of each entry.
    let columns: [Int32]
    /// The value of each entry.
    let values: [Float]
    /// The hashed bucket of each dense column.
    let columnBuckets: [Int32]
    /// The squared L2 norm of each row.
    let squaredNorms: [Double]

    /// Extracts the features of every text.
    init(texts: [String], configuration: FeatureConfiguration) {
        var extractor = FeatureExtractor(configuration: configuration)
        var columnOfBucket = [Int32](repeating: -1, count: configuration.bucketCount)
        var rowOffsets = [0]
        var columns: [Int32] = []
        var values: [Float] = []
        var columnBuckets: [Int32] = []
        var squaredNorms: [Double] = []
        rowOffsets.reserveCapacity(texts.count + 1)
        squaredNorms.reserveCapacity(texts.count)
        for text in texts {
            var squaredNorm = 0.0
            extractor.withFeatures(of: text) { indices, featureValues in
                for (bucket, value) in zip(indices, featureValues) {
                    var column = columnOfBucket[Int(bucket)]
                    if column < 0 {
                        column = Int32(columnBuckets.count)
                        columnOfBucket[Int(bucket)] = column
                        columnBuckets.append(bucket)
                    }
                    columns.append(column)
                    values.append(value)
                    squaredNorm += Double(value) * Double(value)
                }
            }
            rowOffsets.append(columns.count)
            squaredNorms.append(squaredNorm)
        }
        self.rowOffsets = rowOffsets
        self.columns = columns
        self.values = values
        self.columnBuckets = columnBuckets
        self.squaredNorms = squaredNorms
    }

    /// The number of rows.
    var rowCount: Int { rowOffsets.count - 1 }

    /// The number of dense columns.
    var columnCount: Int { columnBuckets.count }
}
