/// Trimming by Unicode scalar, with the same sets as Foundation's `CharacterSet.whitespaces` and
/// `.whitespacesAndNewlines`, without Foundation's round trip through UTF-16: `perf` showed that
/// round trip taking 30 % of the intake's CPU per email in the reply extractor, which trims every
/// line several times.
extension StringProtocol {
    /// The text without leading and trailing spaces and tabs (`CharacterSet.whitespaces`).
    public func trimmingBlanks() -> Substring {
        trimmingScalars(where: Self.isBlank)
    }

    /// The text without leading and trailing blanks and line breaks
    /// (`CharacterSet.whitespacesAndNewlines`: also U+000A–U+000D, U+0085, U+2028 and U+2029).
    public func trimmingBlanksAndNewlines() -> Substring {
        trimmingScalars(where: Self.isBlankOrNewline)
    }

    /// The text without leading and trailing scalars for which `isTrimmed` holds.
    public func trimmingScalars(where isTrimmed: (Unicode.Scalar) -> Bool) -> Substring {
        let whole = Substring(self)
        let scalars = whole.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isTrimmed(scalars[start]) { start = scalars.index(after: start) }
        while start < end {
            let last = scalars.index(before: end)
            guard isTrimmed(scalars[last]) else { break }
            end = last
        }
        return whole[start..<end]
    }

    /// Foundation's list (CoreFoundation's `isWhitespace`), which is Unicode's Zs as of when it
    /// was written plus the tab and U+200B.
    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0xA0, 0x1680, 0x2000...0x200B, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    private static func isBlankOrNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return isBlank(scalar)
        }
    }
}
