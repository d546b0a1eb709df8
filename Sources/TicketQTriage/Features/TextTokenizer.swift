/// Splits text into lowercase word tokens, reusing its buffers between calls.
///
/// A word is a run of letters, digits and combining marks. Letters are lowercased (any script),
/// every decimal digit becomes `0` so order numbers and dates do not fragment the vocabulary, and
/// apostrophes inside a word are dropped so "don't" and "dont" are the same token.
/// Everything else separates words.
public struct TextTokenizer: Sendable {
    /// The scalar that pads each token on both sides in `scalars`.
    public static let boundaryMarker: UInt32 = 0x20

    /// The lowercased scalars of all tokens, each token padded with `boundaryMarker` on both
    /// sides, so character n-grams of a padded token are a plain slice.
    public private(set) var scalars: [UInt32] = []
    /// Token `i` is `scalars[tokenStarts[i] ..< tokenEnds[i]]`, without its padding.
    public private(set) var tokenStarts: [Int] = []
    /// See `tokenStarts`.
    public private(set) var tokenEnds: [Int] = []

    /// An empty tokenizer.
    public init() {
        scalars.reserveCapacity(256)
        tokenStarts.reserveCapacity(64)
        tokenEnds.reserveCapacity(64)
    }

    /// The number of tokens found by the last call to `tokenize`.
    public var tokenCount: Int { tokenStarts.count }

    /// The tokens of `text` as strings (convenient for inspection; prediction does not use it).
    public static func tokens(of text: String) -> [String] {
        var tokenizer = TextTokenizer()
        tokenizer.tokenize(text)
        return (0..<tokenizer.tokenCount).map { index in
            var token = String.UnicodeScalarView()
            for value in tokenizer.scalars[tokenizer.tokenStarts[index]..<tokenizer.tokenEnds[index]] {
                if let scalar = Unicode.Scalar(value) { token.append(scalar) }
            }
            return String(token)
        }
    }

    /// Replaces the buffers' contents with the tokens of `text`.
    public mutating func tokenize(_ text: String) {
        scalars.removeAll(keepingCapacity: true)
        tokenStarts.removeAll(keepingCapacity: true)
        tokenEnds.removeAll(keepingCapacity: true)
        let handled = text.utf8.withContiguousStorageIfAvailable { tokenize(utf8: $0) } != nil
        if !handled {
            var copy = text
            copy.withUTF8 { tokenize(utf8: $0) }
        }
    }

    /// Tokenizes valid UTF-8 (a `String`'s storage), decoding non-ASCII scalars inline.
    private mutating func tokenize(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        var inWord = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                switch byte {
                case 0x61...0x7A:
                    if !inWord { startWord() }
                    scalars.append(UInt32(byte))
                    inWord = true
                case 0x41...0x5A:
                    if !inWord { startWord() }
                    scalars.append(UInt32(byte | 0x20))
                    inWord = true
                case 0x30...0x39:
                    if !inWord { startWord() }
                    scalars.append(0x30)
                    inWord = true
                case 0x27:
                    continue
                default:
                    if inWord { endWord() }
                    inWord = false
                }
                continue
            }
            let (value, length) = Self.decode(bytes, at: index)
            index += length
            guard let scalar = Unicode.Scalar(value) else { continue }
            inWord = append(nonASCII: scalar, inWord: inWord)
        }
        if inWord { endWord() }
    }

    /// Handles one non-ASCII scalar and returns whether a word is open afterwards.
    private mutating func append(nonASCII scalar: Unicode.Scalar, inWord: Bool) -> Bool {
        let value = scalar.value
        if Self.isApostrophe(value) { return inWord }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil {
            if !inWord { startWord() }
            if properties.numericType == .decimal {
                scalars.append(0x30)
            } else if properties.changesWhenLowercased {
                for lower in properties.lowercaseMapping.unicodeScalars { scalars.append(lower.value) }
            } else {
                scalars.append(value)
            }
            return true
        }
        if inWord, Self.isMark(properties.generalCategory) {
            scalars.append(value)
            return true
        }
        if inWord { endWord() }
        return false
    }

    /// The scalar value and byte length of the multi-byte UTF-8 sequence at `index`.
    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
        guard index + length <= bytes.count else { return (0xFFFD, bytes.count - index) }
        var value = lead & (0x7F >> UInt32(length))
        for offset in 1..<length { value = value << 6 | (UInt32(bytes[index + offset]) & 0x3F) }
        return (value, length)
    }

    private mutating func startWord() {
        scalars.append(Self.boundaryMarker)
        tokenStarts.append(scalars.count)
    }

    private mutating func endWord() {
        tokenEnds.append(scalars.count)
        scalars.append(Self.boundaryMarker)
    }

    private static func isApostrophe(_ value: UInt32) -> Bool {
        value == 0x2019 || value == 0x2018 || value == 0x02BC
    }

    private static func isMark(_ category: Unicode.GeneralCategory) -> Bool {
        category == .nonspacingMark || category == .spacingMark || category == .enclosingMark
    }
}
