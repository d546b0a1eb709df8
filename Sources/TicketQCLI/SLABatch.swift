import Foundation
import TicketQConfig
import TicketQCore

/// Answers SLA requests one line at a time: every line gets a record or an error record, and a
/// bad line never stops the others.
final class SLABatch {
    private let catalog: PolicyCatalog
    private let defaultBrand: String?
    private let defaultCalendar: BusinessCalendar?
    /// Inline calendars are validated and precomputed once per distinct definition.
    private var calendarCache: [ConfigNode: Result<BusinessCalendar, ConfigError>] = [:]
    private(set) var failedLines = 0

    init(catalog: PolicyCatalog, defaultBrand: String?, defaultCalendar: BusinessCalendar?) {
        self.catalog = catalog
        self.defaultBrand = defaultBrand
        self.defaultCalendar = defaultCalendar
    }

    /// The output line for one input line (nil for a blank line), plus warnings for standard error.
    func answer(line: Substring, lineNumber: Int) -> (record: String?, warnings: [String]) {
        guard line.contains(where: { !$0.isWhitespace }) else { return (nil, []) }
        var idJSON = "null"
        do {
            let node = try ConfigNode.parseJSON(Data(line.utf8))
            if case let .object(entries) = node, let id = entries.first(where: { $0.key == "id" })?.value {
                switch id {
                case let .string(text, _): idJSON = JSONObjectWriter.quote(text)
                case let .integer(value): idJSON = String(value)
                default: break
                }
            }
            let request = try SLARequest.decode(node)
            return try answer(request)
        } catch let error as ConfigError {
            return (errorRecord(idJSON: idJSON, error.description), [])
        } catch let error as SLAError {
            return (errorRecord(idJSON: idJSON, error.description), [])
        } catch {
            return (errorRecord(idJSON: idJSON, String(describing: error)), [])
        }
    }

    private func answer(_ request: SLARequest) throws -> (record: String?, warnings: [String]) {
        let calendarOverride: BusinessCalendar?
        if let inline = request.calendar {
            calendarOverride = try calendar(from: inline)
        } else {
            calendarOverride = defaultCalendar
        }
        let brandName = request.brand ?? defaultBrand
        if let rule = request.rule {
            let policy = try brandName.map { name throws(ConfigError) in try catalog.policy(for: name) }
            guard let calendar = calendarOverride ?? policy?.calendar else {
                throw ConfigError(file: nil, field: "calendar", reason: "a rule needs a calendar: give \"calendar\" or \"brand\"")
            }
            let resolution = try SLAEngine.resolve(
                receivedAt: request.received, response: rule.response, resolution: rule.resolution,
                calendar: calendar, policyVersion: policy?.version
            )
            return (resolution.jsonRecord(idJSON: request.idJSON, calendar: calendar), [])
        }
        guard let brandName else {
            throw ConfigError(file: nil, field: "brand", reason: "required unless the line gives a \"rule\" (and a calendar)")
        }
        let policy = try catalog.policy(for: brandName)
        let calendar = calendarOverride ?? policy.calendar
        let resolution = try SLAEngine.resolve(receivedAt: request.received, policy: policy, facts: request.facts, calendar: calendar)
        var warnings: [String] = []
        if resolution.categoryFellBack, let category = request.facts.category {
            warnings.append("unknown category \"\(category)\" for brand \(brandName); using \(policy.defaultCategory)")
        }
        return (resolution.jsonRecord(idJSON: request.idJSON, calendar: calendar), warnings)
    }

    private func calendar(from node: ConfigNode) throws(ConfigError) -> BusinessCalendar {
        if let cached = calendarCache[node] { return try cached.get() }
        let result: Result<BusinessCalendar, ConfigError>
        do {
            result = .success(try CalendarDecoder.decode(node))
        } catch {
            result = .failure(ConfigError(file: nil, field: error.field.isEmpty ? "calendar" : "calendar.\(error.field)", reason: error.reason))
        }
        if calendarCache.count > 256 { calendarCache.removeAll() }
        calendarCache[node] = result
        return try result.get()
    }

    private func errorRecord(idJSON: String, _ reason: String) -> String {
        failedLines += 1
        var object = JSONObjectWriter()
        object.addRaw("id", idJSON)
        object.add("error", reason)
        return object.json
    }
}
