/// How an utterance becomes a hashed feature vector.
///
/// Stored in every model file: a model only makes sense with the features it was trained on.
public struct FeatureConfiguration: Sendable, Hashable, Codable {
    /// The feature space has `1 << bucketBits` buckets.
    public var bucketBits: Int
    /// Whether word bigrams are added to word unigrams.
    public var wordBigrams: Bool
    /// The shortest character n-gram, counted with the word-boundary markers.
    public var charNGramMin: Int
    /// The longest character n-gram, counted with the word-boundary markers.
    public var charNGramMax: Int
    /// The weight of each word feature before normalisation.
    public var wordWeight: Float
    /// The weight of each character n-gram feature before normalisation.
    public var charWeight: Float
    /// Whether a feature seen `n` times counts `1 + ln(n)` instead of `n`.
    public var sublinearTermFrequency: Bool

    /// Creates a configuration; the defaults are the ones measured best on the Bitext data.
    public init(
        bucketBits: Int = 18,
        wordBigrams: Bool = true,
        charNGramMin: Int = 2,
        charNGramMax: Int = 5,
        wordWeight: Float = 2,
        charWeight: Float = 1,
        sublinearTermFrequency: Bool = true
    ) {
        self.bucketBits = bucketBits
        self.wordBigrams = wordBigrams
        self.charNGramMin = charNGramMin
        self.charNGramMax = charNGramMax
        self.wordWeight = wordWeight
        self.charWeight = charWeight
        self.sublinearTermFrequency = sublinearTermFrequency
    }

    /// The number of buckets in the feature space.
    public var bucketCount: Int { 1 << bucketBits }

    /// Checks the values a model file or a caller might get wrong.
    public func validate() throws(TriageError) {
        guard (8...24).contains(bucketBits) else {
            throw .invalidConfiguration("bucketBits must be in 8...24, got \(bucketBits)")
        }
        guard charNGramMin >= 1, charNGramMax >= charNGramMin, charNGramMax <= 8 else {
            throw .invalidConfiguration(
                "character n-gram range must satisfy 1 <= min <= max <= 8, got \(charNGramMin)...\(charNGramMax)"
            )
        }
        guard wordWeight.isFinite, charWeight.isFinite, wordWeight >= 0, charWeight >= 0, wordWeight + charWeight > 0 else {
            throw .invalidConfiguration("feature weights must be finite, non-negative and not both zero")
        }
    }
}
