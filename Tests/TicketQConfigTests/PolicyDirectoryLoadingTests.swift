import Foundation
import Testing
@testable import TicketQConfig
import TicketQCore
import TicketQTestSupport

/// Loading policies and calendars from a directory: every bad file reported with its field and
/// reason, duplicates rejected naming both files, and the directory lookup order.
struct PolicyDirectoryLoadingTests {
    /// A temporary copy of the shipped configuration, to which tests add or change files.
    static func configCopy() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: "ticketq-config")
        for folder in ["brands", "calendars"] {
            try FileManager.default.createDirectory(at: directory.file(folder), withIntermediateDirectories: true)
        }
        for file in EmbeddedConfig.files {
            try write(file.contents, to: file.path, in: directory)
        }
        return directory
    }

    static func write(_ text: String, to relativePath: String, in directory: TemporaryDirectory) throws {
        try Data(text.utf8).write(to: directory.file(relativePath))
    }

    static func loadErrors(_ directory: TemporaryDirectory) -> [ConfigError] {
        let errors = #expect(throws: ConfigErrors.self) { try PolicyCatalog.load(from: directory.path) }
        return errors?.errors ?? []
    }

    @Test("a copy of config/ loads from its directory")
    func loadsDirectory() throws {
        let directory = try Self.configCopy()
        let catalog = try PolicyCatalog.load(from: directory.path)
        #expect(catalog.source == .directory(directory.path))
        #expect(catalog.brands.keys.sorted() == ["mejurn", "pandorana"])
        #expect(catalog.calendars.count == 3)
    }

    @Test("a brand added as a JSON file is loaded beside the YAML ones; other files are ignored")
    func addsBrandFromJSON() throws {
        let directory = try Self.configCopy()
        try Self.write("""
            {"brand": "acme", "version": 3, "calendar": "mejurn-uk-london", "default_category": "general",
             "lanes": {"standard": {"response": {"unit": "business_days", "value": 1}},
                       "same_business_day": {"response": {"unit": "same_business_day", "cutoff": "11:00"}}},
             "categories": {"general": {}}}
            """, to: "brands/acme.json", in: directory)
        try Self.write("not a policy", to: "brands/README.txt", in: directory)
        let catalog = try PolicyCatalog.load(from: directory.path)
        let acme = try catalog.policy(for: "acme")
        #expect(acme.version == "3")
        let result = try SLAEngine.resolve(receivedAt: RFC3339.parse("2024-06-14T10:00:00Z"), policy: acme, facts: TicketFacts())
        #expect(acme.calendar.formatLocal(result.due) == "2024-06-17T17:00:00+01:00")
    }

    @Test("every bad file is reported with its file, field and reason")
    func aggregatesErrors() throws {
        let directory = try Self.configCopy()
        let badCalendar = try ConfigFixtures.replacing("time_zone:", with: "timezone:", in: ConfigFixtures.calendarYAML)
        try Self.write(badCalendar, to: "calendars/broken.yaml", in: directory)
        let badBrand = try ConfigFixtures.replacing("calendar: pandorana-us-ny", with: "calendar: acme-mars", in: ConfigFixtures.policyYAML)
        try Self.write(badBrand, to: "brands/acme.yaml", in: directory)
        try Self.write("brand: [unclosed\n", to: "brands/zeta.yaml", in: directory)
        let errors = Self.loadErrors(directory)
        #expect(errors.count == 3, "\(errors)")
        let calendarError = errors.first { $0.file?.hasSuffix("calendars/broken.yaml") == true }
        #expect(calendarError?.field == "timezone")
        #expect(calendarError?.reason.contains("unknown field") == true)
        let brandError = errors.first { $0.file?.hasSuffix("brands/acme.yaml") == true }
        #expect(brandError?.field == "calendar")
        #expect(brandError?.reason.contains("acme-mars") == true)
        let syntaxError = errors.first { $0.file?.hasSuffix("brands/zeta.yaml") == true }
        #expect(syntaxError?.reason.contains("YAML") == true)
        let description = ConfigErrors(errors).description
        #expect(description.contains("broken.yaml: timezone: "))
        #expect(description.contains("acme.yaml: calendar: "))
    }

    @Test("a calendar id defined in two files is rejected naming both files")
    func duplicateCalendar() throws {
        let directory = try Self.configCopy()
        let copy = try #require(EmbeddedConfig.files.first { $0.path == "calendars/pandorana-us-ny.yaml" })
        try Self.write(copy.contents, to: "calendars/zz-copy.yaml", in: directory)
        let errors = Self.loadErrors(directory)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.file?.hasSuffix("calendars/zz-copy.yaml") == true)
        #expect(errors.first?.field == "id")
        #expect(errors.first?.reason.contains("calendars/pandorana-us-ny.yaml") == true)
    }

    @Test("a brand defined in two files is rejected naming both files")
    func duplicateBrand() throws {
        let directory = try Self.configCopy()
        let copy = try #require(EmbeddedConfig.files.first { $0.path == "brands/mejurn.yaml" })
        try Self.write(copy.contents, to: "brands/zz-mejurn-again.yaml", in: directory)
        let errors = Self.loadErrors(directory)
        #expect(errors.count == 1, "\(errors)")
        #expect(errors.first?.file?.hasSuffix("brands/zz-mejurn-again.yaml") == true)
        #expect(errors.first?.field == "brand")
        #expect(errors.first?.reason.contains("brands/mejurn.yaml") == true)
    }

    @Test("a missing directory and a directory without brands are errors")
    func missingDirectoryOrBrands() throws {
        let directory = try TemporaryDirectory(prefix: "ticketq-config")
        let missing = directory.file("nope").path
        let missingErrors = #expect(throws: ConfigErrors.self) { try PolicyCatalog.load(from: missing) }
        #expect(missingErrors?.errors.first?.file == missing)
        let empty = Self.loadErrors(directory)
        #expect(empty.count == 1)
        #expect(empty.first?.reason.contains("no brand policy files") == true)
    }

    @Test("an explicit directory wins over TICKETQ_CONFIG_DIR, which wins over the defaults")
    func lookupOrder() throws {
        let explicit = try Self.configCopy()
        let fromEnvironment = try Self.configCopy()
        let pandorana = try #require(EmbeddedConfig.files.first { $0.path == "brands/pandorana.yaml" })
        try Self.write(try ConfigFixtures.replacing("version: 1\n", with: "version: explicit-7\n", in: pandorana.contents), to: "brands/pandorana.yaml", in: explicit)
        try Self.write(try ConfigFixtures.replacing("version: 1\n", with: "version: env-9\n", in: pandorana.contents), to: "brands/pandorana.yaml", in: fromEnvironment)
        let environment = [PolicyCatalog.environmentVariable: fromEnvironment.path]

        let chosen = try PolicyCatalog.load(directory: explicit.path, environment: environment)
        #expect(chosen.source == .directory(explicit.path))
        #expect(try chosen.policy(for: "pandorana").version == "explicit-7")

        let fromVariable = try PolicyCatalog.load(directory: nil, environment: environment)
        #expect(fromVariable.source == .directory(fromEnvironment.path))
        #expect(try fromVariable.policy(for: "pandorana").version == "env-9")

        let fallback = try PolicyCatalog.load(directory: nil, environment: [PolicyCatalog.environmentVariable: ""])
        let systemHasBrands = FileManager.default.fileExists(atPath: PolicyCatalog.systemDirectory + "/brands")
        #expect(fallback.source == (systemHasBrands ? .directory(PolicyCatalog.systemDirectory) : .embedded))
    }

    @Test("a bad explicit directory is an error, never a silent fallback")
    func badExplicitDirectory() throws {
        let directory = try TemporaryDirectory(prefix: "ticketq-config")
        let environment = [PolicyCatalog.environmentVariable: directory.path]
        #expect(throws: ConfigErrors.self) { try PolicyCatalog.load(directory: directory.file("missing").path, environment: environment) }
        #expect(throws: ConfigErrors.self) { try PolicyCatalog.load(directory: nil, environment: environment) }
    }
}
