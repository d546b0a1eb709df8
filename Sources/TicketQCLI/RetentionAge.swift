/// An age such as `30d`, `12h`, `90m` or `3600s`, for retention options.
struct RetentionAge: Sendable, Hashable {
    /// The age in milliseconds.
    let milliseconds: Int64

    /// Parses `<whole number><unit>` with unit `d`, `h`, `m` or `s`.
    ///
    /// - Throws: ``Invalid`` naming the text and the accepted forms.
    init(_ text: String) throws(Invalid) {
        let units: [Character: Int64] = ["d": 86_400_000, "h": 3_600_000, "m": 60_000, "s": 1_000]
        guard let unit = text.last, let scale = units[unit], let count = Int64(text.dropLast()), count > 0,
              count <= Int64.max / scale
        else { throw Invalid(text: text) }
        milliseconds = count * scale
    }

    /// Text that is not an age.
    struct Invalid: Error, CustomStringConvertible {
        let text: String
        var description: String { "\"\(text)\" is not an age: write a positive whole number and d, h, m or s, e.g. 30d or 12h" }
    }
}
