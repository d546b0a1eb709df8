/// Reads the stored form of a brand's high-volume changes: a compact JSON array of
/// `[instantMs,flag]` pairs, oldest first, e.g. `[[1764239400000,1],[1764412200000,0]]`.
enum HighVolumeHistory {
    /// The changes in `text`, oldest first; pairs that do not have the stored shape are skipped,
    /// matching what the recording script keeps.
    static func decode(_ text: String) -> [(atMillis: Int64, on: Bool)] {
        var changes: [(atMillis: Int64, on: Bool)] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "["), index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "[") else {
                index += 1
                continue
            }
            var cursor = index + 1
            let numberStart = cursor
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "-") { cursor += 1 }
            while cursor < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[cursor]) { cursor += 1 }
            if cursor + 2 < bytes.count, bytes[cursor] == UInt8(ascii: ","),
               bytes[cursor + 1] == UInt8(ascii: "0") || bytes[cursor + 1] == UInt8(ascii: "1"),
               bytes[cursor + 2] == UInt8(ascii: "]"),
               let instant = Int64(String(decoding: bytes[numberStart..<cursor], as: UTF8.self)) {
                changes.append((instant, bytes[cursor + 1] == UInt8(ascii: "1")))
                index = cursor + 3
            } else {
                index = cursor
            }
        }
        return changes
    }
}
