/// Splits a customer's text into candidate requests: sentences and lines, and clauses joined by
/// "also" ("…, also …", "… and also …"). Segments with fewer than three words are dropped
/// (greetings, "thanks"). Works on UTF-8 bytes: the separators are all ASCII.
enum RequestSegmenter {
    static let minimumWords = 3

    static func segments(of text: String) -> [Substring] {
        let utf8 = text.utf8
        var segments: [Substring] = []
        var start = utf8.startIndex
        var words = 0
        var inWord = false
        var index = utf8.startIndex
        func close(at end: String.Index) {
            if words >= minimumWords { segments.append(text[start..<end]) }
            words = 0
            inWord = false
        }
        while index != utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ";"), 0x0A, 0x0D:
                close(at: index)
                start = utf8.index(after: index)
            case UInt8(ascii: " "), 0x09, UInt8(ascii: ","):
                inWord = false
                // "also" as a whole word starts a new clause.
                let next = utf8.index(after: index)
                if let end = alsoWord(at: next, in: utf8) {
                    close(at: index)
                    start = end
                    index = end
                    continue
                }
            default:
                if !inWord { words += 1 }
                inWord = true
            }
            index = utf8.index(after: index)
        }
        close(at: utf8.endIndex)
        return segments
    }

    /// The index after "also" when the word "also" (any ASCII case) starts at `index`.
    private static func alsoWord(at index: String.Index, in utf8: String.UTF8View) -> String.Index? {
        var cursor = index
        for letter in "also".utf8 {
            guard cursor != utf8.endIndex, utf8[cursor] | 0x20 == letter else { return nil }
            cursor = utf8.index(after: cursor)
        }
        if cursor != utf8.endIndex {
            let byte = utf8[cursor]
            let isLetter = (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
            if isLetter || byte >= 0x80 { return nil }
        }
        return cursor
    }
}
