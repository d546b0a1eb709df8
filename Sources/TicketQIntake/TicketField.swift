/// The fields of ticket JSON.
enum TicketField: Int, CaseIterable {
    case id, brand, receivedAt, subject, body, from, messageID, orderID, category, urgent, complex

    /// The field's name on the wire.
    var name: String {
        switch self {
        case .id: return "id"
        case .brand: return "brand"
        case .receivedAt: return "received_at"
        case .subject: return "subject"
        case .body: return "body"
        case .from: return "from"
        case .messageID: return "message_id"
        case .orderID: return "order_id"
        case .category: return "category"
        case .urgent: return "urgent"
        case .complex: return "complex"
        }
    }

    /// Every field name, sorted, for error messages.
    static let sortedNames = allCases.map(\.name).sorted()

    /// The field with this name.
    init?(name: String) {
        var name = name
        guard let field = name.withUTF8({ TicketField(utf8Name: $0) }) else { return nil }
        self = field
    }

    /// The field whose name is these UTF-8 bytes.
    init?(utf8Name name: UnsafeBufferPointer<UInt8>) {
        func named(_ field: TicketField) -> TicketField? {
            var fieldName = field.name
            return fieldName.withUTF8 { $0.elementsEqual(name) } ? field : nil
        }
        let found: TicketField?
        switch name.count {
        case 2: found = named(.id)
        case 4: found = named(.body) ?? named(.from)
        case 5: found = named(.brand)
        case 6: found = named(.urgent)
        case 7: found = named(.subject) ?? named(.complex)
        case 8: found = named(.orderID) ?? named(.category)
        case 10: found = named(.messageID)
        case 11: found = named(.receivedAt)
        default: found = nil
        }
        guard let found else { return nil }
        self = found
    }
}
