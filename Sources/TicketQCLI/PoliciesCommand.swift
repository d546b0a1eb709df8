import ArgumentParser
import TicketQConfig
import TicketQCore

/// `ticketq policies`: validate and list the brand policies and calendars in use.
struct PoliciesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policies",
        abstract: "Validate the brand policies and calendars and show what is loaded.",
        discussion: "Exits 78 and lists every bad file with its field and reason when a file is invalid."
    )

    @OptionGroup var policies: PolicyOptions

    func run() throws {
        let catalog = try policies.loadCatalog()
        print("source: \(catalog.source)")
        for calendar in catalog.calendars.values.sorted(by: { $0.id < $1.id }) {
            print("calendar \(calendar.id) version \(calendar.version): \(calendar.timeZone), "
                + "\(calendar.holidays.count) holidays, coverage \(calendar.coverageFrom) … \(calendar.coverageThrough), "
                + "\(calendar.schedule.businessDayCount) business days")
        }
        for policy in catalog.brands.values.sorted(by: { $0.brand < $1.brand }) {
            print("brand \(policy.brand) version \(policy.version): calendar \(policy.calendar.id), "
                + "\(policy.categories.count) categories, default \(policy.defaultCategory), "
                + "urgent [\(policy.urgentCategories.sorted().joined(separator: ", "))]")
            for lane in Lane.allCases {
                guard let lanePolicy = policy.lanes[lane] else { continue }
                var line = "  \(lane.rawValue): response \(lanePolicy.response)"
                if let resolution = lanePolicy.resolution { line += ", resolution \(resolution)" }
                if !lanePolicy.triggers.isEmpty { line += ", triggers [\(lanePolicy.triggers.map(\.rawValue).sorted().joined(separator: ", "))]" }
                print(line)
            }
        }
    }
}
