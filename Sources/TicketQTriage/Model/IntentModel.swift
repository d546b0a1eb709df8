import Foundation

/// A trained linear intent classifier over hashed word and character n-gram features.
///
/// Immutable and `Sendable`: share one model between threads, and give each thread its own
/// `FeatureExtractor` for allocation-free prediction with `predict(_:using:)`.
public struct IntentModel: Sendable {
    /// The intents the model can predict, in score order (sorted by name).
    public let intents: [String]
    /// The features the model was trained on.
    public let featureConfiguration: FeatureConfiguration
    /// The training settings.
    public let trainingConfiguration: TrainingConfiguration
    /// A free-text provenance and licence notice carried in the model file.
    public let notice: String
    /// Identifies the model: the algorithm plus a hash of its configuration and weights.
    public let modelVersion: String

    /// The bucket of each stored weight row, ascending.
    let rowBuckets: [UInt32]
    /// The stored weights, `rowBuckets.count × intents.count`, row-major: bytes of `Int8` for
    /// `.int8`, or `Float` bit patterns for `.float32`.
    let storedWeights: StoredWeights
    /// Per-intent factor turning a stored `Int8` into a weight (1 for `.float32`).
    let classScales: [Float]
    /// Per-intent bias.
    let biases: [Float]

    /// The weight row of each bucket, or -1 when the bucket has no weights.
    private let rowOfBucket: [Int32]
    /// The dequantised weights, row-major like `storedWeights` but each row padded with zeros
    /// to `vectorsPerRow` vectors of 8, so scoring runs on SIMD lanes.
    private let rowWeights: [SIMD8<Float>]
    private let vectorsPerRow: Int

    /// The raw weight rows as stored in a model file.
    enum StoredWeights: Sendable, Equatable {
        case int8([Int8])
        case float32([Float])
    }

    /// Assembles a model from its stored parts and derives the lookup tables.
    init(
        intents: [String], featureConfiguration: FeatureConfiguration, trainingConfiguration: TrainingConfiguration,
        notice: String, modelVersion: String, rowBuckets: [UInt32], storedWeights: StoredWeights,
        classScales: [Float], biases: [Float]
    ) {
        self.intents = intents
        self.featureConfiguration = featureConfiguration
        self.trainingConfiguration = trainingConfiguration
        self.notice = notice
        self.modelVersion = modelVersion
        self.rowBuckets = rowBuckets
        self.storedWeights = storedWeights
        self.classScales = classScales
        self.biases = biases
        var rowOfBucket = [Int32](repeating: -1, count: featureConfiguration.bucketCount)
        for (row, bucket) in rowBuckets.enumerated() { rowOfBucket[Int(bucket)] = Int32(row) }
        self.rowOfBucket = rowOfBucket
        let classCount = intents.count
        let vectorsPerRow = (classCount + 7) / 8
        var rowWeights = [SIMD8<Float>](repeating: .zero, count: rowBuckets.count * vectorsPerRow)
        for row in 0..<rowBuckets.count {
            for target in 0..<classCount {
                let index = row * classCount + target
                let weight = switch storedWeights {
                case .float32(let weights): weights[index]
                case .int8(let weights): Float(weights[index]) * classScales[target]
                }
                rowWeights[row * vectorsPerRow + target / 8][target % 8] = weight
            }
        }
        self.rowWeights = rowWeights
        self.vectorsPerRow = vectorsPerRow
    }

    /// The number of stored weight rows (distinct feature buckets with a weight).
    public var rowCount: Int { rowBuckets.count }

    /// The prediction for `text`.
    public func predict(_ text: String) -> IntentPrediction {
        var extractor = FeatureExtractor(configuration: featureConfiguration)
        return predict(text, using: &extractor)
    }

    /// The predictions for `texts`, reusing one feature extractor.
    public func predict(_ texts: [String]) -> [IntentPrediction] {
        var extractor = FeatureExtractor(configuration: featureConfiguration)
        return texts.map { predict($0, using: &extractor) }
    }

    /// The prediction for `text`, using `extractor`'s buffers; `extractor` must have been made
    /// with this model's `featureConfiguration`.
    public func predict(_ text: String, using extractor: inout FeatureExtractor) -> IntentPrediction {
        precondition(
            extractor.configuration == featureConfiguration,
            "the extractor's feature configuration differs from the model's"
        )
        let classCount = intents.count
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: classCount) { scores in
            extractor.withFeatures(of: text) { indices, values in
                computeScores(indices: indices, values: values, into: scores)
            }
            return prediction(from: UnsafeBufferPointer(scores))
        }
    }

    /// The raw score of every intent for `text`, in the order of `intents`.
    public func scores(for text: String) -> [Float] {
        var extractor = FeatureExtractor(configuration: featureConfiguration)
        var result = [Float](repeating: 0, count: intents.count)
        extractor.withFeatures(of: text) { indices, values in
            result.withUnsafeMutableBufferPointer { scores in
                computeScores(indices: indices, values: values, into: scores)
            }
        }
        return result
    }

    private func computeScores(
        indices: UnsafeBufferPointer<Int32>, values: UnsafeBufferPointer<Float>,
        into scores: UnsafeMutableBufferPointer<Float>
    ) {
        let vectorsPerRow = self.vectorsPerRow
        withUnsafeTemporaryAllocation(of: SIMD8<Float>.self, capacity: vectorsPerRow) { sums in
            sums.initialize(repeating: .zero)
            rowOfBucket.withUnsafeBufferPointer { rowOfBucket in
                rowWeights.withUnsafeBufferPointer { weights in
                    for (bucket, value) in zip(indices, values) {
                        let row = Int(rowOfBucket[Int(bucket)])
                        guard row >= 0 else { continue }
                        let base = row * vectorsPerRow
                        for vector in 0..<vectorsPerRow { sums[vector] += value * weights[base + vector] }
                    }
                }
            }
            for target in 0..<intents.count { scores[target] = sums[target / 8][target % 8] + biases[target] }
        }
    }

    private func prediction(from scores: UnsafeBufferPointer<Float>) -> IntentPrediction {
        var best = 0
        var second = -1
        for target in 1..<scores.count {
            if scores[target] > scores[best] {
                second = best
                best = target
            } else if second < 0 || scores[target] > scores[second] {
                second = target
            }
        }
        let scale = trainingConfiguration.confidenceScale
        let top = Double(scores[best])
        var partition = 0.0
        for score in scores { partition += exp(scale * (Double(score) - top)) }
        let runnerUpScore = Double(scores[second])
        return IntentPrediction(
            intent: intents[best],
            confidence: 1 / partition,
            runnerUp: intents[second],
            runnerUpConfidence: exp(scale * (runnerUpScore - top)) / partition,
            margin: top - runnerUpScore
        )
    }
}

extension IntentModel {
    /// The same model carrying `modelVersion`.
    func withVersion(_ modelVersion: String) -> IntentModel {
        IntentModel(
            intents: intents, featureConfiguration: featureConfiguration,
            trainingConfiguration: trainingConfiguration, notice: notice, modelVersion: modelVersion,
            rowBuckets: rowBuckets, storedWeights: storedWeights, classScales: classScales, biases: biases
        )
    }
}
