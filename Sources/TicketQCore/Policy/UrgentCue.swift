/// A phrase that makes a ticket urgent whatever its category ("never arrived", "charged twice"),
/// optionally naming the category it implies when triage has no better one.
///
/// Matching is on words: ASCII case, punctuation and runs of spaces don't matter, an apostrophe
/// inside a word is dropped ("didn't" is "didnt"), and the phrase must start and end on word
/// boundaries ("wrong item" matches "Wrong item!" but not "wrong items").
public struct UrgentCue: Sendable, Hashable {
    /// The phrase as written in the policy.
    public let phrase: String
    /// The phrase's words, as hashes (see ``wordHashes(of:)``).
    public let words: [UInt64]
    /// The category the cue implies (`nil`: the ticket keeps the category triage gave it).
    public let category: String?

    /// Creates a cue; `nil` when the phrase has no words.
    public init?(phrase: String, category: String? = nil) {
        let words = UrgentCue.wordHashes(of: phrase)
        guard !words.isEmpty else { return nil }
        self.phrase = phrase
        self.words = words
        self.category = category
    }

    /// The words of `text` as FNV-1a hashes of their lowercased bytes: runs of ASCII letters and
    /// digits and of non-ASCII bytes; an ASCII or typographic apostrophe inside a run is skipped.
    /// Hashes instead of strings keep matching free of allocations per word.
    public static func wordHashes(of text: String) -> [UInt64] {
        var words: [UInt64] = []
        var hasher = FNV1a64()
        var inWord = false
        var utf8 = text.utf8.makeIterator()
        var pending: [UInt8] = []
        while let byte = pending.isEmpty ? utf8.next() : pending.removeFirst() {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                hasher.combine(byte)
                inWord = true
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                hasher.combine(byte | 0x20)
                inWord = true
            case UInt8(ascii: "'"):
                continue
            case 0xE2:
                // U+2019 RIGHT SINGLE QUOTATION MARK is E2 80 99: skip it like an apostrophe.
                let second = utf8.next()
                let third = second == 0x80 ? utf8.next() : nil
                if second == 0x80, third == 0x99 { continue }
                hasher.combine(byte)
                inWord = true
                pending = [second, third].compactMap { $0 }
            case 0x80...:
                hasher.combine(byte)
                inWord = true
            default:
                if inWord {
                    words.append(hasher.value)
                    hasher = FNV1a64()
                    inWord = false
                }
            }
        }
        if inWord { words.append(hasher.value) }
        return words
    }

    /// Whether the cue occurs in `words` (as returned by ``wordHashes(of:)``).
    public func occurs(in words: [UInt64]) -> Bool {
        let length = self.words.count
        guard words.count >= length else { return false }
        let first = self.words[0]
        for start in 0...(words.count - length) where words[start] == first {
            var index = 1
            while index < length, words[start + index] == self.words[index] { index += 1 }
            if index == length { return true }
        }
        return false
    }
}
