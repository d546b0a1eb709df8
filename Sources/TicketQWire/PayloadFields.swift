import TicketQConfig

/// The raw field values of one queue payload, type-checked but not yet validated.
struct PayloadFields {
    var version: Int64?
    var id: String?
    var brand: String?
    var receivedMillis: Int64?
    var subject: String?
    var body: String?
    var from: String?
    var messageID: String?
    var orderID: String?
    var triageModel: String?
    var needsReview: Bool?
    var givenCategory: String?
    var givenUrgent: Bool?
    var givenComplex: Bool?
    var truncated: Bool?
    var categoryResolved: String?
    var urgent: Bool?
    var complex: Bool?
    var laneCode: String?
    var dueMillis: Int64?
    var resolutionDueMillis: Int64?
    var effectiveReceiptMillis: Int64?
    var policyVersion: String?
    var calendarVersion: String?
    var enqueuedAtMillis: Int64?
    var mimeDefects: String?

    /// Stores one field's value (`null` leaves it absent).
    ///
    /// - Returns: the error when the value has the wrong type.
    mutating func set(_ key: PayloadKey, _ value: JSONScalar) -> QueuedTicketDecodingError? {
        if case .null = value { return nil }
        switch key.kind {
        case .integer:
            guard case let .integer(number) = value else { return .wrongType(field: key.rawValue, expected: "an integer", found: value.kindName) }
            switch key {
            case .version: version = number
            case .receivedMillis: receivedMillis = number
            case .dueMillis: dueMillis = number
            case .resolutionDueMillis: resolutionDueMillis = number
            case .effectiveReceiptMillis: effectiveReceiptMillis = number
            default: enqueuedAtMillis = number
            }
        case .bool:
            guard case let .bool(flag) = value else { return .wrongType(field: key.rawValue, expected: "true or false", found: value.kindName) }
            switch key {
            case .givenUrgent: givenUrgent = flag
            case .givenComplex: givenComplex = flag
            case .truncated: truncated = flag
            case .urgent: urgent = flag
            case .needsReview: needsReview = flag
            default: complex = flag
            }
        case .string:
            guard case let .string(text) = value else { return .wrongType(field: key.rawValue, expected: "a string", found: value.kindName) }
            switch key {
            case .id: id = text
            case .brand: brand = text
            case .subject: subject = text
            case .body: body = text
            case .from: from = text
            case .messageID: messageID = text
            case .orderID: orderID = text
            case .triageModel: triageModel = text
            case .givenCategory: givenCategory = text
            case .categoryResolved: categoryResolved = text
            case .lane: laneCode = text
            case .policyVersion: policyVersion = text
            case .mimeDefects: mimeDefects = text
            default: calendarVersion = text
            }
        }
        return nil
    }

    /// The fields of a payload in the common shape (known keys once each, values of the right
    /// types, a readable version with only its keys, valid JSON), or nil for anything else.
    static func scanning(_ payload: UnsafeBufferPointer<UInt8>) -> PayloadFields? {
        var fields = PayloadFields()
        var seen: UInt32 = 0
        let accepted = FlatJSONObjectScanner.scan(payload) { name, value in
            guard let key = PayloadKey(utf8Name: name) else { return false }
            let bit: UInt32 = 1 << UInt32(key.index)
            guard seen & bit == 0 else { return false }
            seen |= bit
            return fields.set(key, value) == nil
        }
        guard accepted, let version = fields.version, QueuedTicket.readableVersions.contains(version) else { return nil }
        if version < PayloadKey.mimeDefects.since, fields.mimeDefects != nil { return nil }
        return fields
    }
}
