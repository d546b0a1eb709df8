/// Turns text bytes in a declared charset into a string: UTF-8, US-ASCII and Windows-1252 are
/// decoded exactly; ISO-8859-1 is read as Windows-1252, as browsers do (mail labelled Latin-1
/// often carries Windows-1252 quotes and dashes in 0x80–0x9F, which are unused control codes in
/// Latin-1); any other charset is read as UTF-8 when the bytes are valid UTF-8, else as
/// Windows-1252, and reported as a fallback.
enum Charset {
    /// The decoded text and whether the charset was unknown (a best guess was used).
    static func decode(_ bytes: some Collection<UInt8>, charset: String?) -> (text: String, fallback: Bool) {
        let name = (charset ?? "us-ascii").lowercased().trimmingCharacters()
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "":
            return (utf8OrWindows1252(bytes), false)
        case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "windows-1252", "cp1252", "x-cp1252":
            return (windows1252(bytes), false)
        default:
            return (utf8OrWindows1252(bytes), true)
        }
    }

    /// Header bytes: UTF-8 when valid, else Windows-1252 (raw 8-bit headers from old clients).
    static func headerText(_ bytes: ArraySlice<UInt8>) -> String {
        utf8OrWindows1252(bytes)
    }

    private static func utf8OrWindows1252(_ bytes: some Collection<UInt8>) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        return windows1252(bytes)
    }

    /// Windows-1252: Latin-1 except 0x80–0x9F, which hold typographic characters (undefined
    /// bytes map to themselves as C1 controls).
    static func windows1252(_ bytes: some Collection<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F, let scalar = Unicode.Scalar(high[Int(byte - 0x80)]) {
                scalars.append(scalar)
            } else {
                scalars.append(Unicode.Scalar(byte))
            }
        }
        return String(scalars)
    }

    private static let high: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]
}
