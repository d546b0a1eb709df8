import Foundation
import Testing
import TicketQCore

/// The native trimming the intake uses must remove exactly what Foundation's
/// `CharacterSet.whitespaces` and `.whitespacesAndNewlines` remove.
struct TrimmingTests {
    static let samples: [String] = [
        "", " ", "\t", "plain", "  both sides \t", "\u{00A0}no-break\u{00A0}", "\u{2003}em space\u{3000}",
        "\u{2028}line separator\u{2029}", "\u{85}next line\u{85}", "\u{0B}\u{0C}vertical\r\n", "\r\n\n text \n\r",
        " \u{301}combining after a space", "tab inside\tkept\t", "👋 wave 👋 ", " \u{FEFF}byte order mark\u{FEFF} ",
        "\u{200B}zero width\u{200B}", "  Ünïcödé  ", " \u{1680}ogham\u{202F}", "\u{205F}\u{180E}mongolian",
    ]

    @Test(arguments: samples)
    func blanksAreThoseOfFoundationsWhitespaces(_ text: String) {
        #expect(String(text.trimmingBlanks()) == text.trimmingCharacters(in: .whitespaces))
        #expect(String(text[...].trimmingBlanks()) == text.trimmingCharacters(in: .whitespaces))
    }

    @Test(arguments: samples)
    func blanksAndNewlinesAreThoseOfFoundationsWhitespacesAndNewlines(_ text: String) {
        #expect(String(text.trimmingBlanksAndNewlines()) == text.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test func chosenScalarsAreTrimmedFromBothEndsOnly() {
        #expect("!!Thanks, all.!".trimmingScalars { $0 == "!" || $0 == "." } == "Thanks, all")
        #expect("...".trimmingScalars { $0 == "." } == "")
    }
}
