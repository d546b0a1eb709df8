/// Substring search in bytes over raw buffers: the standard library's generic
/// `firstRange(of:)` resolves generic metadata for every comparison, which made it most of the
/// time a run spent preparing its tickets.
enum ByteSearch {
    /// Whether `needle` occurs in `haystack`.
    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first else { return true }
        guard haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { pin in
                var start = 0
                let lastStart = hay.count - pin.count
                while start <= lastStart {
                    if hay[start] == first {
                        var matched = 1
                        while matched < pin.count, hay[start + matched] == pin[matched] { matched += 1 }
                        if matched == pin.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
