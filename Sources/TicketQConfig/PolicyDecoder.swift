import TicketQCore

/// Turns a brand policy document (`config/brands/*.yaml`, spec §7) into a validated ``BrandPolicy``.
public enum PolicyDecoder {
    static let fields: Set<String> = ["brand", "version", "calendar", "default_category", "urgent_categories", "lanes", "categories", "replies", "intents", "urgent_cues", "support_addresses"]

    /// Decodes and validates a brand policy against the known calendars.
    ///
    /// - Parameter calendars: calendars by id; the policy's `calendar` must name one of them.
    /// - Throws: ``ConfigError`` naming the file, field and reason.
    public static func decode(_ node: ConfigNode, calendars: [String: BusinessCalendar], file: String? = nil) throws(ConfigError) -> BrandPolicy {
        let root = ConfigReader(node, file: file)
        try root.rejectUnknownKeys(fields)
        let brand = try root.required("brand").nonEmptyString()
        guard brand.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw root.error("brand", "\"\(brand)\" must use only ASCII letters, digits, '-' and '_'")
        }
        let version = try root.child("version")?.versionString() ?? ContentFingerprint.of(node)
        let calendarReader = try root.required("calendar")
        let calendarID = try calendarReader.nonEmptyString()
        guard let calendar = calendars[calendarID] else {
            let known = calendars.keys.sorted().joined(separator: ", ")
            throw calendarReader.error("unknown calendar \"\(calendarID)\"; known calendars: \(known.isEmpty ? "none" : known)")
        }
        let defaultCategory = try root.required("default_category").nonEmptyString()
        let urgent = try root.child("urgent_categories")?.stringList() ?? []

        var lanes: [Lane: LanePolicy] = [:]
        let lanesReader = try root.required("lanes")
        try lanesReader.rejectUnknownKeys(Set(Lane.allCases.map(\.rawValue)))
        for lane in Lane.allCases {
            guard let reader = try lanesReader.child(lane.rawValue) else { continue }
            try reader.rejectUnknownKeys(["response", "resolution", "triggers", "source"])
            var triggers: Set<ExtendedTrigger> = []
            for item in try reader.child("triggers")?.items() ?? [] {
                let name = try item.string()
                guard let trigger = ExtendedTrigger(rawValue: name) else {
                    throw item.error("unknown trigger \"\(name)\"; expected complex or high_volume_mode")
                }
                triggers.insert(trigger)
            }
            lanes[lane] = LanePolicy(
                response: try TargetDecoder.decode(try reader.required("response")),
                resolution: try reader.child("resolution").map { r throws(ConfigError) in try TargetDecoder.decode(r) },
                triggers: triggers,
                source: try reader.child("source")?.string()
            )
        }

        var categories: [String: CategoryPolicy] = [:]
        let categoriesReader = try root.required("categories")
        for entry in try categoriesReader.entries() {
            let reader = ConfigReader(entry.value, file: file, path: categoriesReader.childPath(entry.key))
            if entry.value == .null {
                categories[entry.key] = CategoryPolicy()
                continue
            }
            try reader.rejectUnknownKeys(["resolution", "info", "source"])
            var settlement: SettlementWindow?
            if let info = try reader.child("info") {
                try info.rejectUnknownKeys(["refund_settlement"])
                if let window = try info.child("refund_settlement") {
                    settlement = try settlementWindow(window)
                }
            }
            categories[entry.key] = CategoryPolicy(
                resolution: try reader.child("resolution").map { r throws(ConfigError) in try TargetDecoder.decode(r) },
                refundSettlement: settlement,
                source: try reader.child("source")?.string()
            )
        }

        var replies: [String: String] = [:]
        if let repliesReader = try root.child("replies") {
            for entry in try repliesReader.entries() {
                replies[entry.key] = try ConfigReader(entry.value, file: file, path: repliesReader.childPath(entry.key)).nonEmptyString()
            }
        }

        var intents: [String: String] = [:]
        if let intentsReader = try root.child("intents") {
            for entry in try intentsReader.entries() {
                intents[entry.key] = try ConfigReader(entry.value, file: file, path: intentsReader.childPath(entry.key)).nonEmptyString()
            }
        }
        var cues: [UrgentCue] = []
        for item in try root.child("urgent_cues")?.items() ?? [] {
            let phrase: String
            var category: String?
            if case .string = item.node {
                phrase = try item.nonEmptyString()
            } else {
                try item.rejectUnknownKeys(["phrase", "category"])
                phrase = try item.required("phrase").nonEmptyString()
                category = try item.child("category")?.nonEmptyString()
            }
            guard let cue = UrgentCue(phrase: phrase, category: category) else {
                throw item.error("the cue \"\(phrase)\" has no words")
            }
            cues.append(cue)
        }

        let supportAddresses = try root.child("support_addresses")?.stringList() ?? []
        do {
            return try BrandPolicy(
                brand: brand, version: version, calendar: calendar, defaultCategory: defaultCategory,
                urgentCategories: urgent, lanes: lanes, categories: categories, replies: replies,
                intents: intents, urgentCues: cues,
                supportAddresses: supportAddresses
            )
        } catch {
            throw ConfigError(file: file, field: error.field, reason: error.reason)
        }
    }

    private static func settlementWindow(_ reader: ConfigReader) throws(ConfigError) -> SettlementWindow {
        try reader.rejectUnknownKeys(["unit", "min", "max", "from"])
        let unit = try reader.required("unit").string()
        guard unit == "business_days" else { throw reader.error("unit", "must be business_days") }
        let minimum = try reader.required("min").integer()
        let maximum = try reader.required("max").integer()
        guard minimum >= 0, minimum <= maximum else { throw reader.error("need 0 ≤ min ≤ max, found \(minimum)–\(maximum)") }
        return SettlementWindow(minimumDays: minimum, maximumDays: maximum, from: try reader.required("from").nonEmptyString())
    }
}
