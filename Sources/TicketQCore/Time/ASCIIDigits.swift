/// Small helpers for fixed-width decimal fields in dates and times, without Foundation formatters.
enum ASCIIDigits {
    /// The value of `count` ASCII digits starting at `start`, or nil if any byte is not a digit.
    static func value(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var result = 0
        for index in start..<(start + count) {
            let byte = bytes[index]
            guard byte >= 48, byte <= 57 else { return nil }
            result = result * 10 + Int(byte - 48)
        }
        return result
    }

    /// `value` in decimal, left-padded with zeros to `width` digits (a minus sign is kept in front).
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value.magnitude)
        let padding = String(repeating: "0", count: max(0, width - digits.count))
        return (value < 0 ? "-" : "") + padding + digits
    }
}
