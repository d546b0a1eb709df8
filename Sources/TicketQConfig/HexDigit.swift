/// The value of one ASCII hexadecimal digit, for `\uXXXX` escapes in the JSON readers.
public enum HexDigit {
    /// 0–15 for `0-9`, `a-f` and `A-F`; nil for any other byte.
    @inline(__always)
    public static func value(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - 48)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - 87)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - 55)
        default: return nil
        }
    }
}
