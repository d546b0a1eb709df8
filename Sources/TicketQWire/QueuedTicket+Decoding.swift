import TicketQConfig
import TicketQCore

extension QueuedTicket {
    /// Reads a payload written by ``encode()``.
    ///
    /// Well-formed payloads take a single-pass scanner; anything else is parsed by
    /// ``JSONParser`` so that the error names the problem.
    ///
    /// - Throws: ``QueuedTicketDecodingError`` naming what is wrong: not JSON, another schema
    ///   version, a missing, unknown or mistyped field, or a value that breaks a ticket rule.
    public static func decode(_ bytes: [UInt8]) throws(QueuedTicketDecodingError) -> QueuedTicket {
        if let fields = bytes.withUnsafeBufferPointer({ PayloadFields.scanning($0) }) {
            return try queuedTicket(from: fields)
        }
        return try queuedTicket(from: try fieldsParsing(bytes))
    }

    private static func fieldsParsing(_ bytes: [UInt8]) throws(QueuedTicketDecodingError) -> PayloadFields {
        let node: ConfigNode
        do {
            node = try JSONParser.parse(bytes)
        } catch {
            throw .notJSON(error.description)
        }
        guard case let .object(entries) = node else { throw .notAnObject(found: node.kindName) }
        guard let versionEntry = entries.first(where: { $0.key == PayloadKey.version.rawValue }), versionEntry.value != .null else {
            throw .missingField(PayloadKey.version.rawValue)
        }
        guard case let .integer(version) = versionEntry.value else {
            throw .wrongType(field: PayloadKey.version.rawValue, expected: "an integer", found: versionEntry.value.kindName)
        }
        guard readableVersions.contains(version) else { throw .unsupportedVersion(version) }
        var fields = PayloadFields()
        for entry in entries {
            guard let key = PayloadKey(rawValue: entry.key), key.since <= version else { throw .unknownField(entry.key) }
            if let error = fields.set(key, JSONScalar(entry.value)) { throw error }
        }
        return fields
    }

    private static func queuedTicket(from fields: PayloadFields) throws(QueuedTicketDecodingError) -> QueuedTicket {
        let received = try required(fields.receivedMillis, .receivedMillis)
        let ticket: Ticket
        do {
            ticket = try Ticket(
                id: try required(fields.id, .id),
                brand: try required(fields.brand, .brand),
                receivedAt: Instant(secondsSinceEpoch: floorDivide(received, by: 1000)),
                subject: fields.subject,
                body: fields.body,
                from: fields.from,
                messageID: fields.messageID,
                orderID: fields.orderID,
                category: fields.givenCategory,
                urgent: fields.givenUrgent,
                complex: fields.givenComplex,
                truncated: fields.truncated ?? false,
                textLimit: nil
            )
        } catch let error as TicketValidationError {
            throw .invalidValue(field: payloadKey(ofTicketField: error.field).rawValue, reason: error.reason)
        } catch let error as QueuedTicketDecodingError {
            throw error
        } catch {
            throw .invalidValue(field: "", reason: "\(error)")
        }
        let code = try required(fields.laneCode, .lane)
        guard let lane = PayloadKey.lane(ofCode: code) else {
            throw .invalidValue(field: PayloadKey.lane.rawValue, reason: "holds \"\(code.prefix(8))\", not a lane code (s, e or n)")
        }
        let category = try required(fields.categoryResolved, .categoryResolved)
        guard !category.isEmpty else { throw .invalidValue(field: PayloadKey.categoryResolved.rawValue, reason: "must not be empty") }
        return QueuedTicket(
            ticket: ticket,
            categoryResolved: category,
            urgent: fields.urgent ?? false,
            complex: fields.complex ?? false,
            lane: lane,
            dueMillis: try required(fields.dueMillis, .dueMillis),
            resolutionDueMillis: fields.resolutionDueMillis,
            effectiveReceiptMillis: try required(fields.effectiveReceiptMillis, .effectiveReceiptMillis),
            policyVersion: try required(fields.policyVersion, .policyVersion),
            calendarVersion: try required(fields.calendarVersion, .calendarVersion),
            enqueuedAtMillis: try required(fields.enqueuedAtMillis, .enqueuedAtMillis),
            triageModelVersion: fields.triageModel,
            needsReview: fields.needsReview ?? false,
            mimeDefects: try defects(fields.mimeDefects)
        )
    }

    /// The defect names of field `md`: comma-separated, each 1–64 of `[a-z0-9_]`.
    private static func defects(_ text: String?) throws(QueuedTicketDecodingError) -> [String] {
        guard let text else { return [] }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        for name in names {
            guard (1...64).contains(name.utf8.count), name.utf8.allSatisfy({ $0 == 0x5F || (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) }) else {
                throw .invalidValue(field: PayloadKey.mimeDefects.rawValue, reason: "holds \"\(name.prefix(16))\", not a defect name (1–64 of a-z, 0-9, _)")
            }
        }
        return names
    }

    private static func required<Value>(_ value: Value?, _ key: PayloadKey) throws(QueuedTicketDecodingError) -> Value {
        guard let value else { throw .missingField(key.rawValue) }
        return value
    }

    private static func payloadKey(ofTicketField field: String) -> PayloadKey {
        switch field {
        case "brand": return .brand
        case "subject": return .subject
        case "body": return .body
        case "from": return .from
        case "message_id": return .messageID
        case "order_id": return .orderID
        case "category": return .givenCategory
        default: return .id
        }
    }

    private static func floorDivide(_ value: Int64, by divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return value % divisor != 0 && value < 0 ? quotient - 1 : quotient
    }
}
