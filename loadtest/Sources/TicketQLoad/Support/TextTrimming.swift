extension String {
    /// The text without leading and trailing whitespace.
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}

extension Substring {
    /// The text without leading whitespace.
    func trimmingPrefixWhitespace() -> Substring { drop { $0.isWhitespace } }
}
