import Testing
import TicketQCore
import TicketQTriage

struct FeatureHashingTests {
    @Test func fnv1aMatchesPublishedTestVectors() {
        #expect(FNV1a64.hash([UInt8]()) == 0xcbf2_9ce4_8422_2325)
        #expect(FNV1a64.hash(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(FNV1a64.hash(Array("foobar".utf8)) == 0x8594_4171_f739_67e8)
    }

    @Test func scalarsHashAsTheirUTF8Bytes() {
        for text in ["é", "€", "日本", "𝄞 clef"] {
            var hasher = FNV1a64()
            for scalar in text.unicodeScalars { hasher.combine(scalar: scalar.value) }
            #expect(hasher.value == FNV1a64.hash(Array(text.utf8)), "\(text)")
        }
    }

    @Test func tokensAreLowercasedWithDigitsFoldedAndApostrophesJoined() {
        #expect(TextTokenizer.tokens(of: "Don't REGISTER 2 accounts, order #12345!") ==
            ["dont", "register", "0", "accounts", "order", "00000"])
        #expect(TextTokenizer.tokens(of: "  \n\t ") == [])
        #expect(TextTokenizer.tokens(of: "can’t log-in") == ["cant", "log", "in"])
    }

    @Test func tokenizationIsUnicodeAware() {
        #expect(TextTokenizer.tokens(of: "ÉCOLE Café — Straße") == ["école", "café", "straße"])
        #expect(TextTokenizer.tokens(of: "ΣΟΦΙΑ注文") == ["σοφια注文"])
        #expect(TextTokenizer.tokens(of: "naïve٣") == ["naïve0"])
    }

    @Test func featureBucketsArePinned() {
        // Changing these changes every trained model: bump the model format if they must change.
        // "hi" as a word, and " h", "hi", "i ", " hi", "hi ", " hi " as character n-grams.
        var extractor = FeatureExtractor(configuration: FeatureConfiguration())
        let features = extractor.features(of: "Hi")
        #expect(features.indices.sorted() == [2_274, 37_895, 58_077, 60_225, 70_539, 174_567, 217_494])
        let small = FeatureConfiguration(bucketBits: 10)
        var smallExtractor = FeatureExtractor(configuration: small)
        #expect(smallExtractor.features(of: "Hi").indices.allSatisfy { (0..<1024).contains($0) })
    }

    @Test func vectorsAreNormalisedAndRepeatsMerged() {
        var extractor = FeatureExtractor(configuration: FeatureConfiguration())
        let features = extractor.features(of: "refund refund refund please")
        let squaredNorm = features.values.reduce(Float(0)) { $0 + $1 * $1 }
        #expect(abs(squaredNorm - 1) < 1e-5)
        #expect(Set(features.indices).count == features.count)
        #expect(extractor.features(of: "").count == 0)
    }

    @Test func extractionDoesNotDependOnPreviousTexts() {
        var reused = FeatureExtractor(configuration: FeatureConfiguration())
        _ = reused.features(of: String(repeating: "a very long message about parcels ", count: 200))
        var fresh = FeatureExtractor(configuration: FeatureConfiguration())
        let text = "where is my parcel?"
        #expect(reused.features(of: text) == fresh.features(of: text))
    }

    @Test func typosShareMostFeatures() {
        var extractor = FeatureExtractor(configuration: FeatureConfiguration())
        let correct = extractor.features(of: "register")
        let typo = extractor.features(of: "regisger")
        let other = extractor.features(of: "invoice")
        #expect(cosine(correct, typo) > 0.4)
        #expect(cosine(correct, other) < 0.1)
    }

    private func cosine(_ left: SparseVector, _ right: SparseVector) -> Float {
        let rightValues = Dictionary(uniqueKeysWithValues: zip(right.indices, right.values))
        return zip(left.indices, left.values).reduce(Float(0)) { $0 + $1.1 * (rightValues[$1.0] ?? 0) }
    }
}
