import TicketQCore

/// Finds an order number in a customer's text. Matched shapes (documented choice): a `#`
/// followed by 4–12 digits ("#10452"), or the word "order" (optionally "no", "number", "nr",
/// "#", ":") followed by a token of 4–20 letters, digits and dashes that contains a digit
/// ("order PND-2024-8891", "Order number: 556677").
enum OrderNumber {
    static func find(in texts: [String?]) -> String? {
        for text in texts.compactMap({ $0 }) {
            if let found = afterOrderWord(text) ?? afterHash(text) { return found }
        }
        return nil
    }

    private static func afterOrderWord(_ text: String) -> String? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "," || $0 == "(" || $0 == ")" })
        for (index, word) in words.enumerated() where word.lowercased().hasPrefix("order") && word.count <= 6 {
            var next = index + 1
            while next < words.count, ["no", "no.", "number", "nr", "nr.", "#", ":", "id", "id:", "number:", "no:", "is"].contains(words[next].lowercased()) {
                next += 1
            }
            guard next < words.count else { continue }
            let candidate = words[next].trimmingScalars { "#:.;!?\"'".unicodeScalars.contains($0) }
            if (4...20).contains(candidate.count), candidate.contains(where: \.isNumber),
               candidate.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) {
                return String(candidate)
            }
        }
        return nil
    }

    private static func afterHash(_ text: String) -> String? {
        var index = text.startIndex
        while let hash = text[index...].firstIndex(of: "#") {
            let digits = text[text.index(after: hash)...].prefix { $0.isASCII && $0.isNumber }
            if (4...12).contains(digits.count) { return String(digits) }
            index = text.index(after: hash)
        }
        return nil
    }
}
