/// A size such as `512MiB`, `1GiB`, `64KiB` or `1000000`, for retention options.
struct ByteSize: Sendable, Hashable {
    /// The size in bytes.
    let bytes: Int64

    /// Parses a positive whole number with an optional unit: `B`, `KiB`, `MiB`, `GiB`, `TiB`
    /// (powers of 1024) or `KB`, `MB`, `GB`, `TB` (powers of 1000).
    ///
    /// - Throws: ``Invalid`` naming the text and the accepted forms.
    init(_ text: String) throws(Invalid) {
        let units: [(String, Int64)] = [
            ("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30), ("TiB", 1 << 40),
            ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000), ("B", 1),
        ]
        var number = Substring(text)
        var scale: Int64 = 1
        for (suffix, value) in units where text.hasSuffix(suffix) {
            number = text.dropLast(suffix.count)
            scale = value
            break
        }
        guard let count = Int64(number), count > 0, count <= Int64.max / scale else { throw Invalid(text: text) }
        bytes = count * scale
    }

    /// Text that is not a size.
    struct Invalid: Error, CustomStringConvertible {
        let text: String
        var description: String {
            "\"\(text)\" is not a size: write a positive whole number of bytes, optionally with KiB, MiB, GiB, TiB, KB, MB, GB or TB, e.g. 512MiB"
        }
    }
}
