import TicketQConfig
import TicketQCore
import Testing

/// The fast scanner must accept only what `JSONParser` accepts and read it the same way, since
/// decoding falls back to the parser whenever the scanner declines.
struct FlatJSONObjectScannerTests {
    private static let seeds: [String] = [
        #"{"id":"T-1","brand":"pandorana","received_at":"2024-03-13T10:00:00-04:00","subject":"Hi","body":"a\nb\"c\\d\u00e9\ud83d\ude00/"}"#,
        #" { "v" : 1 , "du" : -9223372036854775808 , "rd" : 9223372036854775807 , "tr" : true , "x" : null , "e" : false } "#,
        #"{"a":0,"b":-0,"c":"","d":"\/\b\f\r\t","e":"naïve 日本"}"#,
        "{}",
    ]
    private static let insertions: [UInt8] = Array("\"\\{}[],:-+.eE0123456789 \t\n\rtfnu".utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xFF]

    private func scanned(_ bytes: [UInt8]) -> [(String, JSONScalar)]? {
        var entries: [(String, JSONScalar)] = []
        let accepted = bytes.withUnsafeBufferPointer { buffer in
            FlatJSONObjectScanner.scan(buffer) { key, value in
                entries.append((String(decoding: key, as: UTF8.self), value))
                return true
            }
        }
        return accepted ? entries : nil
    }

    private func same(_ scalar: JSONScalar, _ node: ConfigNode) -> Bool {
        switch (scalar, node) {
        case let (.string(a), .string(b, _)): return a == b
        case let (.integer(a), .integer(b)): return a == b
        case let (.bool(a), .bool(b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }

    private func checkAgreement(_ bytes: [UInt8]) {
        guard let entries = scanned(bytes) else { return }
        // The parser also rejects duplicate keys, which the scanner leaves to its callers.
        if Set(entries.map(\.0)).count != entries.count { return }
        guard case let .object(parsed)? = try? JSONParser.parse(bytes) else {
            Issue.record("scanner accepted what the parser rejects: \(String(decoding: bytes, as: UTF8.self).debugDescription)")
            return
        }
        #expect(parsed.count == entries.count)
        for (entry, node) in zip(entries, parsed) {
            #expect(entry.0 == node.key)
            #expect(same(entry.1, node.value), "\(entry.0): \(entry.1) vs \(node.value)")
        }
    }

    @Test func seedsAreScannedLikeTheParserReadsThem() throws {
        for seed in Self.seeds {
            let bytes = Array(seed.utf8)
            #expect(scanned(bytes) != nil, "\(seed)")
            checkAgreement(bytes)
        }
    }

    @Test func mutatedInputNeverDisagreesWithTheParser() {
        var generator = SplitMix64(seed: 0x5CA7)
        for _ in 0..<40_000 {
            var bytes = Array(Self.seeds.randomElement(using: &generator)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &generator) {
                let position = Int.random(in: 0...bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0 where position < bytes.count: bytes.remove(at: position)
                case 1 where position < bytes.count: bytes[position] = Self.insertions.randomElement(using: &generator)!
                case 2: bytes = Array(bytes[..<position])
                default: bytes.insert(Self.insertions.randomElement(using: &generator)!, at: position)
                }
            }
            checkAgreement(bytes)
        }
    }

    @Test func declinesWhatItDoesNotHandle() {
        for text in [#"{"a":1.5}"#, #"{"a":1e3}"#, #"{"a":[]}"#, #"{"a":{}}"#, #"{"a\n":1}"#, #"{"\u0061":1}"#, #"{"a":01}"#,
                     #"{"a":99999999999999999999}"#, #"{"a":"\ud800"}"#, "{\"a\":\"\t\"}", #"{"a":1} x"#, #"{"a":1,}"#, "", "[]"] {
            #expect(scanned(Array(text.utf8)) == nil, "\(text)")
        }
    }

    @Test func findsEverySpecialByteInWordsAndTails() {
        var generator = SplitMix64(seed: 99)
        let specials: [UInt8] = [0x22, 0x5C, 0x00, 0x1F, 0x0A]
        let plain: [UInt8] = [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F, 0x80, 0xC3, 0xFF, 0x41]
        for _ in 0..<5_000 {
            var bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in plain.randomElement(using: &generator)! }
            if !bytes.isEmpty, Bool.random(using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = specials.randomElement(using: &generator)!
            }
            let start = Int.random(in: 0...bytes.count, using: &generator)
            let expected = bytes[start...].firstIndex(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) ?? bytes.count
            #expect(bytes.withUnsafeBufferPointer { JSONStringBytes.firstSpecial(in: $0, from: start) } == expected)
        }
    }
}
