import Foundation
import TicketQCore

/// Turns text into an L2-normalised hashed feature vector: word unigrams and bigrams plus
/// character n-grams inside each word (padded with a boundary marker, so "<reg" and "ger>" carry
/// position and typos still share most n-grams with the correct spelling).
///
/// The extractor owns reusable buffers, so extracting many texts with one extractor does not
/// allocate per text. It is a value type: give each thread its own.
public struct FeatureExtractor: Sendable {
    /// The feature settings in use.
    public let configuration: FeatureConfiguration

    private var tokenizer = TextTokenizer()
    /// The bucket of each distinct feature; the first `featureCount` entries are in use.
    private var buckets: [Int32] = []
    /// The occurrence count, then the final value, of each feature.
    private var values: [Float] = []
    /// The group weight of each feature (word or character n-gram).
    private var weights: [Float] = []
    /// Open-addressing table from bucket to `1 + position` in `buckets`; 0 is empty.
    private var slots: [Int32] = []
    private var featureCount = 0

    // Namespaces keep a word and a character n-gram with the same letters apart.
    private static let wordNamespace: UInt8 = 0x01
    private static let bigramNamespace: UInt8 = 0x02
    private static let charNamespace: UInt8 = 0x03

    /// Creates an extractor for `configuration`.
    public init(configuration: FeatureConfiguration) {
        self.configuration = configuration
    }

    /// The feature vector of `text`.
    public mutating func features(of text: String) -> SparseVector {
        withFeatures(of: text) { indices, values in
            SparseVector(indices: Array(indices), values: Array(values))
        }
    }

    /// Extracts the features of `text` and passes them to `body` without copying them out.
    public mutating func withFeatures<Result>(
        of text: String,
        _ body: (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Float>) throws -> Result
    ) rethrows -> Result {
        extract(text)
        let count = featureCount
        return try buckets.withUnsafeBufferPointer { indices in
            try values.withUnsafeBufferPointer { values in
                try body(UnsafeBufferPointer(rebasing: indices[0..<count]), UnsafeBufferPointer(rebasing: values[0..<count]))
            }
        }
    }

    /// Fills the first `featureCount` entries of `buckets` and `values` for `text`.
    private mutating func extract(_ text: String) {
        tokenizer.tokenize(text)
        let capacity = prepareBuffers()
        let configuration = self.configuration
        let tokenizer = self.tokenizer
        featureCount = buckets.withUnsafeMutableBufferPointer { buckets in
            values.withUnsafeMutableBufferPointer { values in
                weights.withUnsafeMutableBufferPointer { weights in
                    slots.withUnsafeMutableBufferPointer { slots in
                        var sink = FeatureSink(
                            buckets: buckets, counts: values, weights: weights, slots: slots,
                            slotMask: capacity - 1, bucketMask: UInt64(configuration.bucketCount - 1)
                        )
                        tokenizer.scalars.withUnsafeBufferPointer { scalars in
                            Self.hashFeatures(of: tokenizer, scalars: scalars, configuration: configuration, into: &sink)
                        }
                        sink.finish(sublinear: configuration.sublinearTermFrequency)
                        return sink.count
                    }
                }
            }
        }
    }

    private static func hashFeatures(
        of tokenizer: TextTokenizer, scalars: UnsafeBufferPointer<UInt32>,
        configuration: FeatureConfiguration, into sink: inout FeatureSink
    ) {
        let minimum = configuration.charNGramMin
        let maximum = configuration.charNGramMax
        let wordWeight = configuration.wordWeight
        let charWeight = configuration.charWeight
        for token in 0..<tokenizer.tokenCount {
            let start = tokenizer.tokenStarts[token]
            let end = tokenizer.tokenEnds[token]
            if wordWeight > 0 {
                var unigram = FNV1a64()
                unigram.combine(wordNamespace)
                for index in start..<end { unigram.combine(scalar: scalars[index]) }
                sink.add(unigram.value, weight: wordWeight)
                if configuration.wordBigrams, token > 0 {
                    var bigram = FNV1a64()
                    bigram.combine(bigramNamespace)
                    for index in tokenizer.tokenStarts[token - 1]..<start { bigram.combine(scalar: scalars[index]) }
                    for index in start..<end { bigram.combine(scalar: scalars[index]) }
                    sink.add(bigram.value, weight: wordWeight)
                }
            }
            guard charWeight > 0 else { continue }
            // The padded token runs from the marker before `start` to the one at `end`.
            let paddedEnd = end + 1
            for first in (start - 1)..<paddedEnd {
                var hash = FNV1a64()
                hash.combine(charNamespace)
                let last = min(first + maximum, paddedEnd)
                for position in first..<last {
                    hash.combine(scalar: scalars[position])
                    if position - first + 1 >= minimum { sink.add(hash.value, weight: charWeight) }
                }
            }
        }
    }

    /// Makes the buffers large enough for the most features the current tokens can produce,
    /// clears the slot table, and returns the table size in use (a power of two).
    private mutating func prepareBuffers() -> Int {
        let tokenCount = tokenizer.tokenCount
        let span = configuration.charNGramMax - configuration.charNGramMin + 1
        let upperBound = 2 * tokenCount + tokenizer.scalars.count * span + 1
        var size = 64
        while size < 2 * upperBound { size <<= 1 }
        if slots.count < size {
            slots = [Int32](repeating: 0, count: size)
            buckets = [Int32](repeating: 0, count: size / 2)
            values = [Float](repeating: 0, count: size / 2)
            weights = [Float](repeating: 0, count: size / 2)
        } else {
            slots.withUnsafeMutableBufferPointer { table in
                UnsafeMutableBufferPointer(rebasing: table[0..<size]).update(repeating: 0)
            }
        }
        return size
    }
}
