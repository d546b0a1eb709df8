import TicketQCore

/// The short keys of the queue payload (schema versions 1 and 2). Keys are part of the payload format:
/// never reuse a key for another meaning; a change of meaning needs a new version.
enum PayloadKey: String, CaseIterable {
    case version = "v"
    case id = "id"
    case brand = "br"
    case receivedMillis = "rc"
    case subject = "sj"
    case body = "bd"
    case from = "fr"
    case messageID = "mi"
    case orderID = "oi"
    case givenCategory = "tc"
    case givenUrgent = "tu"
    case givenComplex = "tx"
    case truncated = "tr"
    case categoryResolved = "ca"
    case urgent = "ug"
    case complex = "cx"
    case lane = "ln"
    case dueMillis = "du"
    case resolutionDueMillis = "rd"
    case effectiveReceiptMillis = "er"
    case policyVersion = "pv"
    case calendarVersion = "cv"
    case enqueuedAtMillis = "eq"
    case triageModel = "tm"
    case needsReview = "nr"
    case mimeDefects = "md"

    /// The JSON type a key holds.
    enum Kind {
        case string, integer, bool
    }

    var kind: Kind {
        switch self {
        case .version, .receivedMillis, .dueMillis, .resolutionDueMillis, .effectiveReceiptMillis, .enqueuedAtMillis: return .integer
        case .givenUrgent, .givenComplex, .truncated, .urgent, .complex, .needsReview: return .bool
        default: return .string
        }
    }

    /// The key's position in ``allCases``, for duplicate detection.
    var index: Int {
        switch self {
        case .version: 0
        case .id: 1
        case .brand: 2
        case .receivedMillis: 3
        case .subject: 4
        case .body: 5
        case .from: 6
        case .messageID: 7
        case .orderID: 8
        case .givenCategory: 9
        case .givenUrgent: 10
        case .givenComplex: 11
        case .truncated: 12
        case .categoryResolved: 13
        case .urgent: 14
        case .complex: 15
        case .lane: 16
        case .dueMillis: 17
        case .resolutionDueMillis: 18
        case .effectiveReceiptMillis: 19
        case .policyVersion: 20
        case .calendarVersion: 21
        case .enqueuedAtMillis: 22
        case .triageModel: 23
        case .needsReview: 24
        case .mimeDefects: 25
        }
    }

    /// The first payload version that has the key.
    var since: Int64 {
        self == .mimeDefects ? 2 : 1
    }

    /// The key whose name is these UTF-8 bytes (all keys are one or two ASCII letters).
    init?(utf8Name name: UnsafeBufferPointer<UInt8>) {
        guard name.count == 1 || name.count == 2 else { return nil }
        let code = name.count == 1 ? UInt16(name[0]) : UInt16(name[0]) << 8 | UInt16(name[1])
        guard let key = PayloadKey.byCode[Int(code & 0x1F) << 5 | Int(code >> 8 & 0x1F)], key.code == code else { return nil }
        self = key
    }

    /// The key's name as a number: its one or two ASCII bytes, the first one high.
    var code: UInt16 {
        PayloadKey.codes[index]
    }

    private static let codes: [UInt16] = allCases.map { key in
        key.rawValue.utf8.reduce(0) { $0 << 8 | UInt16($1) }
    }

    /// Keys by the low five bits of each of their letters: a table lookup instead of string
    /// comparisons for every key of every payload.
    private static let byCode: [PayloadKey?] = {
        var table = [PayloadKey?](repeating: nil, count: 1024)
        for key in allCases {
            let code = key.code
            precondition(table[Int(code & 0x1F) << 5 | Int(code >> 8 & 0x1F)] == nil, "payload keys must differ in their letters' low bits")
            table[Int(code & 0x1F) << 5 | Int(code >> 8 & 0x1F)] = key
        }
        return table
    }()

    /// What the key holds, for error messages.
    var meaning: String {
        switch self {
        case .version: return "payload version"
        case .id: return "id"
        case .brand: return "brand"
        case .receivedMillis: return "received_at in ms"
        case .subject: return "subject"
        case .body: return "body"
        case .from: return "from"
        case .messageID: return "message_id"
        case .orderID: return "order_id"
        case .givenCategory: return "category as given"
        case .givenUrgent: return "urgent as given"
        case .givenComplex: return "complex as given"
        case .truncated: return "truncated"
        case .categoryResolved: return "category_resolved"
        case .urgent: return "urgent"
        case .complex: return "complex"
        case .lane: return "intake lane"
        case .dueMillis: return "due in ms"
        case .resolutionDueMillis: return "resolution due in ms"
        case .effectiveReceiptMillis: return "effective receipt in ms"
        case .policyVersion: return "policy_version"
        case .calendarVersion: return "calendar_version"
        case .enqueuedAtMillis: return "enqueued_at in ms"
        case .triageModel: return "triage model version"
        case .needsReview: return "needs_review"
        case .mimeDefects: return "mime_defects"
        }
    }

    /// The one-letter code of a lane inside payloads.
    static func code(of lane: Lane) -> String {
        switch lane {
        case .sameBusinessDay: return "s"
        case .extended: return "e"
        case .standard: return "n"
        }
    }

    /// The lane of a one-letter code.
    static func lane(ofCode code: String) -> Lane? {
        switch code {
        case "s": return .sameBusinessDay
        case "e": return .extended
        case "n": return .standard
        default: return nil
        }
    }
}
