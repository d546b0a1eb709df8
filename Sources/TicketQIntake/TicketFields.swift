import TicketQConfig

/// The raw field values of one ticket line, type-checked but not yet validated.
struct TicketFields {
    var id: String?
    var brand: String?
    var receivedAt: String?
    var subject: String?
    var body: String?
    var from: String?
    var messageID: String?
    var orderID: String?
    var category: String?
    var urgent: Bool?
    var complex: Bool?

    /// Stores one field's value.
    ///
    /// - Returns: the rejection when the value has the wrong type.
    mutating func set(_ field: TicketField, _ value: JSONScalar) -> TicketRejection? {
        switch field {
        case .urgent, .complex:
            let flag: Bool?
            switch value {
            case let .bool(value): flag = value
            case .null: flag = nil
            default: return TicketRejection(field: field.name, reason: "must be true or false, found \(value.kindName)")
            }
            if field == .urgent { urgent = flag } else { complex = flag }
        default:
            let text: String?
            switch value {
            case let .string(value): text = value
            case .null: text = nil
            default: return TicketRejection(field: field.name, reason: "must be a string, found \(value.kindName)")
            }
            switch field {
            case .id: id = text
            case .brand: brand = text
            case .receivedAt: receivedAt = text
            case .subject: subject = text
            case .body: body = text
            case .from: from = text
            case .messageID: messageID = text
            case .orderID: orderID = text
            case .category: category = text
            case .urgent, .complex: break
            }
        }
        return nil
    }

    /// The fields of a line in the common shape (known keys once each, values of the right
    /// types, valid JSON), or nil for anything else.
    static func scanning(_ line: UnsafeBufferPointer<UInt8>) -> TicketFields? {
        var fields = TicketFields()
        var seen: UInt32 = 0
        let accepted = FlatJSONObjectScanner.scan(line) { key, value in
            guard let field = TicketField(utf8Name: key) else { return false }
            let bit: UInt32 = 1 << UInt32(field.rawValue)
            guard seen & bit == 0 else { return false }
            seen |= bit
            return fields.set(field, value) == nil
        }
        return accepted ? fields : nil
    }
}
