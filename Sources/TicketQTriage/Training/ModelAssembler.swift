/// Turns trained weights into a model: keeps only buckets with a non-zero weight, orders them
/// by bucket, and quantises to the configured precision.
struct ModelAssembler {
    let intents: [String]
    let featureConfiguration: FeatureConfiguration
    let trainingConfiguration: TrainingConfiguration
    let notice: String

    func assemble(_ trained: LinearWeights, columnBuckets: [Int32]) -> IntentModel {
        let classCount = trained.classCount
        let columnCount = trained.columnCount
        let columnsByBucket = (0..<columnCount).sorted { columnBuckets[$0] < columnBuckets[$1] }
        var scales = [Float](repeating: 1, count: classCount)
        if trainingConfiguration.precision == .int8 {
            for target in 0..<classCount {
                let base = target * columnCount
                var largest = 0.0
                for column in 0..<columnCount { largest = max(largest, abs(trained.weights[base + column])) }
                if largest > 0 { scales[target] = Float(largest / 127) }
            }
        }
        var rowBuckets: [UInt32] = []
        var int8Weights: [Int8] = []
        var float32Weights: [Float] = []
        var row = [Float](repeating: 0, count: classCount)
        for column in columnsByBucket {
            var isZero = true
            for target in 0..<classCount {
                let weight = trained.weights[target * columnCount + column]
                row[target] = trainingConfiguration.precision == .int8
                    ? (Float(weight) / scales[target]).rounded().clamped(to: -127...127)
                    : Float(weight)
                if row[target] != 0 { isZero = false }
            }
            guard !isZero else { continue }
            rowBuckets.append(UInt32(columnBuckets[column]))
            switch trainingConfiguration.precision {
            case .int8: int8Weights.append(contentsOf: row.map { Int8($0) })
            case .float32: float32Weights.append(contentsOf: row)
            }
        }
        let stored: IntentModel.StoredWeights =
            trainingConfiguration.precision == .int8 ? .int8(int8Weights) : .float32(float32Weights)
        let unversioned = IntentModel(
            intents: intents, featureConfiguration: featureConfiguration,
            trainingConfiguration: trainingConfiguration, notice: notice, modelVersion: "",
            rowBuckets: rowBuckets, storedWeights: stored, classScales: scales,
            biases: trained.biases.map { Float($0) }
        )
        return unversioned.withVersion(ModelFile.version(of: unversioned))
    }
}

extension Float {
    fileprivate func clamped(to range: ClosedRange<Float>) -> Float {
        Swift.min(Swift.max(self, range.lowerBound), range.upperBound)
    }
}
