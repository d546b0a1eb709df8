import TicketQConfig
import TicketQCore
import Testing

/// The `intents:` map and `urgent_cues:` of brand policies.
struct TriagePolicyDecodingTests {
    private static let file = "brands/acme.yaml"

    private static func decode(_ text: String) throws -> BrandPolicy {
        try PolicyDecoder.decode(ConfigNode.parseYAML(text, file: file), calendars: BrandCatalog.catalog().calendars, file: file)
    }

    private static func with(_ block: String) throws -> String {
        try ConfigFixtures.replacing("categories:\n", with: block + "categories:\n", in: ConfigFixtures.policyYAML)
    }

    @Test func decodesIntentsAndCuesInBothForms() throws {
        let policy = try Self.decode(try Self.with("""
            intents:
              cancel_order: order_modification
              track_order: general
            urgent_cues:
              - never arrived
              - { phrase: "Charged  twice!", category: order_modification }

            """))
        #expect(policy.category(forIntent: "cancel_order") == "order_modification")
        #expect(policy.category(forIntent: "not_listed") == "general")
        #expect(policy.urgentCues.map(\.phrase) == ["never arrived", "Charged  twice!"])
        #expect(policy.urgentCues[1].category == "order_modification")
        #expect(policy.urgentCues[1].words == UrgentCue.wordHashes(of: "charged twice"))
    }

    @Test(arguments: [
        ("intents:\n  cancel_order: nonsense\n", "intents.cancel_order"),
        ("intents:\n  cancel_order: \"\"\n", "intents.cancel_order"),
        ("urgent_cues:\n  - { phrase: lost, category: nonsense }\n", "urgent_cues[0].category"),
        ("urgent_cues:\n  - \"?!\"\n", "urgent_cues[0]"),
        ("urgent_cues:\n  - { phrase: lost, extra: 1 }\n", "urgent_cues[0]"),
    ])
    func rejectsBadEntriesNamingTheField(block: String, field: String) throws {
        let error = #expect(throws: ConfigError.self) { try Self.decode(try Self.with(block)) }
        #expect(error?.field.hasPrefix(field) == true, "\(String(describing: error))")
        #expect(error?.file == Self.file)
    }
}
