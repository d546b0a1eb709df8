/// A brand's customer-service policy: its calendar, categories, urgent categories and lanes
/// (spec §6–7).
public struct BrandPolicy: Sendable {
    /// The brand's name, e.g. `pandorana`.
    public let brand: String
    /// The version stored with every due date computed from this policy (spec §8).
    public let version: String
    /// The business calendar the brand's targets count in.
    public let calendar: BusinessCalendar
    /// The category for tickets with no or an unknown category.
    public let defaultCategory: String
    /// Categories whose tickets are always urgent.
    public let urgentCategories: Set<String>
    /// The brand's lanes; `standard` and `same_business_day` always exist.
    public let lanes: [Lane: LanePolicy]
    /// The standard lane (always present).
    public let standardLane: LanePolicy
    /// The brand's categories.
    public let categories: [String: CategoryPolicy]
    /// Reply templates by key: `acknowledgement`, `urgent`, or a category name (see ``ReplyTemplateKey``).
    public let replies: [String: String]
    /// Triage: classifier intent → this brand's category. An intent not listed files under
    /// ``defaultCategory``.
    public let intents: [String: String]
    /// Phrases that make a ticket urgent whatever its category.
    public let urgentCues: [UrgentCue]
    /// The addresses customers write to (lowercased); email intake files a message under the
    /// brand whose address is among its recipients.
    public let supportAddresses: [String]

    /// Validates and creates a policy.
    ///
    /// - Throws: ``PolicyError`` when the default or an urgent category is not a category, a
    ///   required lane is missing, or a lane's triggers don't fit it.
    public init(
        brand: String,
        version: String,
        calendar: BusinessCalendar,
        defaultCategory: String,
        urgentCategories: [String],
        lanes: [Lane: LanePolicy],
        categories: [String: CategoryPolicy],
        replies: [String: String] = [:],
        intents: [String: String] = [:],
        urgentCues: [UrgentCue] = [],
        supportAddresses: [String] = []
    ) throws(PolicyError) {
        guard !brand.isEmpty else { throw PolicyError(field: "brand", reason: "must not be empty") }
        guard !categories.isEmpty else { throw PolicyError(field: "categories", reason: "at least one category is required") }
        guard categories[defaultCategory] != nil else {
            throw PolicyError(field: "default_category", reason: "'\(defaultCategory)' is not one of the brand's categories")
        }
        for (index, category) in urgentCategories.enumerated() where categories[category] == nil {
            throw PolicyError(field: "urgent_categories[\(index)]", reason: "'\(category)' is not one of the brand's categories")
        }
        for required in [Lane.standard, .sameBusinessDay] where lanes[required] == nil {
            throw PolicyError(field: "lanes.\(required.rawValue)", reason: "missing; every brand needs a standard and a same_business_day lane")
        }
        guard let standard = lanes[.standard] else {
            throw PolicyError(field: "lanes.standard", reason: "missing; every brand needs a standard lane")
        }
        standardLane = standard
        for (lane, policy) in lanes {
            if lane == .extended {
                guard !policy.triggers.isEmpty else {
                    throw PolicyError(field: "lanes.extended.triggers", reason: "an extended lane needs at least one trigger (complex, high_volume_mode)")
                }
            } else if !policy.triggers.isEmpty {
                throw PolicyError(field: "lanes.\(lane.rawValue).triggers", reason: "only the extended lane has triggers")
            }
        }
        self.brand = brand
        self.version = version
        self.calendar = calendar
        self.defaultCategory = defaultCategory
        self.urgentCategories = Set(urgentCategories)
        self.lanes = lanes
        self.categories = categories
        for key in replies.keys where key != "acknowledgement" && key != "urgent" && categories[key] == nil {
            throw PolicyError(field: "replies.\(key)", reason: "not a category, \"acknowledgement\" or \"urgent\"")
        }
        self.replies = replies
        for (intent, category) in intents.sorted(by: { $0.key < $1.key }) where categories[category] == nil {
            throw PolicyError(field: "intents.\(intent)", reason: "'\(category)' is not one of the brand's categories")
        }
        for (index, cue) in urgentCues.enumerated() {
            if let category = cue.category, categories[category] == nil {
                throw PolicyError(field: "urgent_cues[\(index)].category", reason: "'\(category)' is not one of the brand's categories")
            }
        }
        self.intents = intents
        self.urgentCues = urgentCues
        for (index, address) in supportAddresses.enumerated() where !address.contains("@") || address.contains(where: \.isWhitespace) {
            throw PolicyError(field: "support_addresses[\(index)]", reason: "'\(address)' is not an e-mail address")
        }
        self.supportAddresses = supportAddresses.map { $0.lowercased() }
    }

    /// The category triage files `intent` under.
    public func category(forIntent intent: String) -> String {
        intents[intent] ?? defaultCategory
    }

    /// Warnings that don't stop loading, such as a cutoff outside opening hours (spec §5.4 SHOULD).
    public var warnings: [String] {
        var warnings: [String] = []
        for lane in Lane.allCases {
            guard let policy = lanes[lane] else { continue }
            for (name, target) in [("response", policy.response), ("resolution", policy.resolution)] {
                guard case let .sameBusinessDay(cutoff)? = target else { continue }
                for weekday in Weekday.allCases {
                    guard let hours = calendar.weeklyHours[weekday], let first = hours.first, let last = hours.last else { continue }
                    if !(first.start < cutoff && cutoff <= last.end) {
                        warnings.append(
                            "lanes.\(lane.rawValue).\(name): cutoff \(cutoff) is outside \(weekday.rawValue) hours \(first.start)–\(last.end) of calendar \(calendar.id)"
                        )
                    }
                }
            }
        }
        return warnings
    }
}
