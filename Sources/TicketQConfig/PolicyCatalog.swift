import Foundation
import TicketQCore

/// All brand policies and calendars of a deployment, validated together.
///
/// Lookup order for the directory (``load(directory:environment:)``): an explicit `--policies DIR`,
/// then `$TICKETQ_CONFIG_DIR`, then `/etc/ticketq` when it holds a `brands/` folder, then the
/// copies embedded in the binary. Never the current directory, and no resource bundle is needed.
public struct PolicyCatalog: Sendable {
    /// Brand policies by brand name.
    public let brands: [String: BrandPolicy]
    /// Calendars by id.
    public let calendars: [String: BusinessCalendar]
    /// Non-fatal findings, e.g. a cutoff outside opening hours.
    public let warnings: [String]
    /// Where the files were read from.
    public let source: ConfigSource

    /// The system-wide configuration directory.
    public static let systemDirectory = "/etc/ticketq"
    /// The environment variable naming a configuration directory.
    public static let environmentVariable = "TICKETQ_CONFIG_DIR"

    /// Validates a set of documents: calendars first, then brands against them.
    ///
    /// - Throws: ``ConfigErrors`` listing every bad file with its field and reason.
    public init(calendarFiles: [ConfigFile], brandFiles: [ConfigFile], source: ConfigSource) throws(ConfigErrors) {
        var errors: [ConfigError] = []
        var calendars: [String: BusinessCalendar] = [:]
        var calendarOrigin: [String: String] = [:]
        for file in calendarFiles {
            do {
                let calendar = try CalendarDecoder.decode(try file.parse(), file: file.path)
                if let first = calendarOrigin[calendar.id] {
                    errors.append(ConfigError(file: file.path, field: "id", reason: "calendar \"\(calendar.id)\" is already defined in \(first)"))
                    continue
                }
                calendars[calendar.id] = calendar
                calendarOrigin[calendar.id] = file.path
            } catch {
                errors.append(error)
            }
        }
        var brands: [String: BrandPolicy] = [:]
        var brandOrigin: [String: String] = [:]
        var warnings: [String] = []
        for file in brandFiles {
            do {
                let policy = try PolicyDecoder.decode(try file.parse(), calendars: calendars, file: file.path)
                if let first = brandOrigin[policy.brand] {
                    errors.append(ConfigError(file: file.path, field: "brand", reason: "brand \"\(policy.brand)\" is already defined in \(first)"))
                    continue
                }
                brands[policy.brand] = policy
                brandOrigin[policy.brand] = file.path
                warnings += policy.warnings.map { "\(file.path): \($0)" }
            } catch {
                errors.append(error)
            }
        }
        if brandFiles.isEmpty {
            errors.append(ConfigError(file: nil, field: "", reason: "no brand policy files found in \(source) (expected brands/*.yaml)"))
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        self.brands = brands
        self.calendars = calendars
        self.warnings = warnings
        self.source = source
    }

    /// The policies compiled into the binary.
    public static func embedded() throws(ConfigErrors) -> PolicyCatalog {
        try PolicyCatalog(
            calendarFiles: EmbeddedConfig.files.filter { $0.path.hasPrefix("calendars/") },
            brandFiles: EmbeddedConfig.files.filter { $0.path.hasPrefix("brands/") },
            source: .embedded
        )
    }

    /// Reads `DIR/calendars/*.{yaml,yml,json}` and `DIR/brands/*.{yaml,yml,json}`.
    ///
    /// - Throws: ``ConfigErrors`` when the directory is missing or unreadable or a file is bad.
    public static func load(from directory: String) throws(ConfigErrors) -> PolicyCatalog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ConfigErrors([ConfigError(file: directory, field: "", reason: "policy directory does not exist")])
        }
        let calendars = try files(in: directory, subfolder: "calendars")
        let brands = try files(in: directory, subfolder: "brands")
        return try PolicyCatalog(calendarFiles: calendars, brandFiles: brands, source: .directory(directory))
    }

    /// Loads the catalog by the documented lookup order.
    ///
    /// - Parameters:
    ///   - directory: an explicit directory (`--policies DIR`), which wins when given.
    ///   - environment: the process environment, for `TICKETQ_CONFIG_DIR`.
    public static func load(
        directory: String?,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ConfigErrors) -> PolicyCatalog {
        if let directory { return try load(from: directory) }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return try load(from: fromEnvironment)
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: systemDirectory + "/brands", isDirectory: &isDirectory), isDirectory.boolValue {
            return try load(from: systemDirectory)
        }
        return try embedded()
    }

    /// The brand one of whose support addresses is among `recipients` (compared lowercased); the
    /// first recipient that matches decides.
    public func brand(forRecipients recipients: [String]) -> BrandPolicy? {
        for recipient in recipients {
            let address = recipient.lowercased()
            if let match = brands.values.sorted(by: { $0.brand < $1.brand }).first(where: { $0.supportAddresses.contains(address) }) {
                return match
            }
        }
        return nil
    }

    /// The brand's policy, or a clear error listing the configured brands.
    public func policy(for brand: String) throws(ConfigError) -> BrandPolicy {
        guard let policy = brands[brand] else {
            throw ConfigError(file: nil, field: "brand", reason: "unknown brand \"\(brand)\"; configured brands: \(brands.keys.sorted().joined(separator: ", "))")
        }
        return policy
    }

    private static func files(in directory: String, subfolder: String) throws(ConfigErrors) -> [ConfigFile] {
        let folder = (directory as NSString).appendingPathComponent(subfolder)
        guard FileManager.default.fileExists(atPath: folder) else { return [] }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw ConfigErrors([ConfigError(file: folder, field: "", reason: "cannot list the folder (\(error.localizedDescription))")])
        }
        var result: [ConfigFile] = []
        var errors: [ConfigError] = []
        for name in names.sorted() where [".yaml", ".yml", ".json"].contains(where: name.hasSuffix) && !name.hasPrefix(".") {
            let path = (folder as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                errors.append(ConfigError(file: path, field: "", reason: "cannot be read"))
                continue
            }
            guard let text = String(data: data, encoding: .utf8) else {
                errors.append(ConfigError(file: path, field: "", reason: "is not UTF-8 text"))
                continue
            }
            result.append(ConfigFile(path: path, contents: text))
        }
        guard errors.isEmpty else { throw ConfigErrors(errors) }
        return result
    }
}
