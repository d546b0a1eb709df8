import Foundation
import Testing
@testable import TicketQConfig
import TicketQCore

/// The configuration compiled into the binary: it loads, and it is the same as `config/`
/// (a forgotten `scripts/embed-config.sh` run fails here).
struct EmbeddedCatalogTests {
    /// `config/` of this repository, found from this file's path.
    static let configDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("config")

    @Test("the embedded catalog holds both brands and three calendars with their versions")
    func embeddedLoads() throws {
        let catalog = try PolicyCatalog.embedded()
        #expect(catalog.source == .embedded)
        #expect(catalog.brands.keys.sorted() == ["mejurn", "pandorana"])
        #expect(catalog.calendars.keys.sorted() == ["mejurn-uk-london", "pandorana-us-ny", "pandorana-us-ny-retail"])
        #expect(catalog.brands.values.allSatisfy { $0.version == "1" })
        #expect(catalog.calendars.values.allSatisfy { $0.version == "1" })
        #expect(catalog.calendars.values.allSatisfy { $0.coverageFrom == LocalDate(year: 2024, month: 1, day: 1) })
        #expect(catalog.calendars.values.allSatisfy { $0.coverageThrough == LocalDate(year: 2028, month: 12, day: 31) })
        #expect(catalog.calendars["pandorana-us-ny"]?.holidays.count == 34)
        #expect(catalog.calendars["pandorana-us-ny-retail"]?.holidays.count == 42)
        #expect(catalog.calendars["mejurn-uk-london"]?.holidays.count == 44)
        #expect(catalog.calendars["mejurn-uk-london"]?.timeZone == "Europe/London")
        #expect(catalog.warnings.isEmpty)
    }

    @Test("EmbeddedConfig is the content of config/ (run scripts/embed-config.sh after editing config/)")
    func embeddedMatchesConfigDirectory() throws {
        var onDisk: [String: String] = [:]
        for folder in ["brands", "calendars"] {
            let url = Self.configDirectory.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: url.path)
            where [".yaml", ".yml", ".json"].contains(where: name.hasSuffix) {
                onDisk["\(folder)/\(name)"] = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
            }
        }
        #expect(onDisk.count >= 5)
        let embedded = Dictionary(uniqueKeysWithValues: EmbeddedConfig.files.map { ($0.path, $0.contents) })
        #expect(embedded.keys.sorted() == onDisk.keys.sorted())
        for (path, contents) in onDisk {
            #expect(Self.trimmingTrailingNewlines(embedded[path] ?? "") == Self.trimmingTrailingNewlines(contents), "\(path) differs")
        }
    }

    @Test("config/ calendars are the spec's calendars plus a version")
    func calendarsMatchSpecShape() throws {
        let catalog = try PolicyCatalog.load(from: Self.configDirectory.path)
        let embedded = try PolicyCatalog.embedded()
        for (id, calendar) in catalog.calendars {
            let other = try #require(embedded.calendars[id])
            #expect(calendar.holidays == other.holidays)
            #expect(calendar.weeklyHours == other.weeklyHours)
            #expect(calendar.version == other.version)
        }
    }

    static func trimmingTrailingNewlines(_ text: String) -> Substring {
        var result = Substring(text)
        while result.last == "\n" || result.last == "\r\n" { result = result.dropLast() }
        return result
    }
}
