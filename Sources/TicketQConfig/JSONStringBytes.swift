/// Finds the bytes that end or interrupt a run of JSON string text, eight bytes at a time.
package enum JSONStringBytes {
    /// The index of the first byte at or after `start` that is a quote, a backslash or a control
    /// character (the bytes a JSON string cannot hold unescaped), or `buffer.count`.
    package static func firstSpecial(in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = buffer.count
        if let base = buffer.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= count {
                if mayHoldSpecial(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) {
                    for offset in index..<(index + 8) where isSpecial(buffer[offset]) {
                        return offset
                    }
                }
                index += 8
            }
        }
        while index < count, !isSpecial(buffer[index]) { index += 1 }
        return index
    }

    @inline(__always)
    package static func isSpecial(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Whether any byte of the word may be special (never false when one is).
    @inline(__always)
    private static func mayHoldSpecial(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        let quote = word ^ (ones &* UInt64(UInt8(ascii: "\"")))
        let backslash = word ^ (ones &* UInt64(UInt8(ascii: "\\")))
        let quoteZero = (quote &- ones) & ~quote
        let backslashZero = (backslash &- ones) & ~backslash
        let control = (word &- ones &* 0x20) & ~word
        return (quoteZero | backslashZero | control) & highBits != 0
    }
}
