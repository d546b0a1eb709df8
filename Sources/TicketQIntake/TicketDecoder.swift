import TicketQConfig
import TicketQCore

/// Reads tickets from JSON Lines, strictly: one JSON object per line with only the ticket fields,
/// each of the right type, a known brand and an RFC 3339 `received_at`.
///
/// ```json
/// {"id":"T-1","brand":"pandorana","received_at":"2024-03-13T10:00:00-04:00","subject":"Where is my order?","body":"…"}
/// ```
///
/// `null` counts as absent. Subject and body longer than the text limit are truncated, not
/// rejected (see ``Ticket``).
///
/// Well-formed lines take a single-pass scanner that builds no JSON tree; any other line is
/// parsed by ``JSONParser``, so that its rejection names the field or the column.
public struct TicketDecoder: Sendable {
    /// The brands a ticket may name.
    public let brands: Set<String>
    /// The text limit for subject and body.
    public let textLimit: TicketTextLimit
    private let brandList: String

    /// Creates a decoder accepting the given brand names.
    public init(brands: Set<String>, textLimit: TicketTextLimit = .default) {
        self.brands = brands
        self.textLimit = textLimit
        brandList = brands.isEmpty ? "none" : brands.sorted().joined(separator: ", ")
    }

    /// Creates a decoder accepting the brands of a policy catalog.
    public init(catalog: PolicyCatalog, textLimit: TicketTextLimit = .default) {
        self.init(brands: Set(catalog.brands.keys), textLimit: textLimit)
    }

    /// Decodes one line of JSON Lines input (without its line break).
    ///
    /// - Parameter lineNumber: the 1-based line number, carried into the rejection.
    /// - Throws: ``TicketRejection`` naming the field and what is wrong with it.
    public func decode<Bytes: Collection<UInt8>>(_ line: Bytes, lineNumber: Int? = nil) throws(TicketRejection) -> Ticket {
        let scanned = line.withContiguousStorageIfAvailable { TicketFields.scanning($0) }
            ?? Array(line).withUnsafeBufferPointer { TicketFields.scanning($0) }
        do {
            if let scanned { return try ticket(from: scanned) }
            return try decodeParsing(line)
        } catch {
            throw error.at(line: lineNumber)
        }
    }

    /// Decodes a parsed ticket object.
    ///
    /// - Throws: ``TicketRejection`` (without a line number) naming the field.
    public func decode(_ node: ConfigNode) throws(TicketRejection) -> Ticket {
        guard case let .object(entries) = node else {
            throw TicketRejection(field: "", reason: "a ticket must be a JSON object, found \(node.kindName)")
        }
        var fields = TicketFields()
        for entry in entries {
            guard let field = TicketField(name: entry.key) else { throw unknownField(entry.key, in: entries) }
            if let rejection = fields.set(field, JSONScalar(entry.value)) { throw rejection }
        }
        return try ticket(from: fields)
    }

    /// The general path, for lines the fast scanner does not take: its errors name the column.
    private func decodeParsing<Bytes: Collection<UInt8>>(_ line: Bytes) throws(TicketRejection) -> Ticket {
        let node: ConfigNode
        do {
            node = try JSONParser.parse(line)
        } catch {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                throw TicketRejection(field: "", reason: "empty line; expected a JSON object")
            }
            throw TicketRejection(field: "", reason: "not valid JSON: \(error)")
        }
        return try decode(node)
    }

    private func ticket(from fields: TicketFields) throws(TicketRejection) -> Ticket {
        guard let id = fields.id else { throw missing(.id) }
        guard let brand = fields.brand else { throw missing(.brand) }
        guard let receivedText = fields.receivedAt else { throw missing(.receivedAt) }
        guard brands.contains(brand) else {
            throw TicketRejection(field: TicketField.brand.name, reason: "unknown brand \(Self.quoted(brand)); configured brands: \(brandList)")
        }
        let receivedAt: Instant
        do {
            receivedAt = try RFC3339.parse(receivedText)
        } catch {
            throw TicketRejection(field: TicketField.receivedAt.name, reason: error.reason)
        }
        do {
            return try Ticket(
                id: id, brand: brand, receivedAt: receivedAt, subject: fields.subject, body: fields.body,
                from: fields.from, messageID: fields.messageID, orderID: fields.orderID,
                category: fields.category, urgent: fields.urgent, complex: fields.complex, textLimit: textLimit
            )
        } catch {
            throw TicketRejection(error)
        }
    }

    private func missing(_ field: TicketField) -> TicketRejection {
        TicketRejection(field: field.name, reason: "required field is missing")
    }

    private func unknownField(_ key: String, in entries: [ConfigEntry]) -> TicketRejection {
        let others = entries.map(\.key).filter { $0 != key && TicketField(name: $0) == nil }
        var reason = "unknown field"
        if !others.isEmpty { reason += " (other unknown fields: \(others.map(Self.quoted).joined(separator: ", ")))" }
        reason += "; ticket fields are \(TicketField.sortedNames.joined(separator: ", "))"
        return TicketRejection(field: Self.shortened(key), reason: reason)
    }

    private static func quoted(_ text: String) -> String {
        "\"" + shortened(text) + "\""
    }

    private static func shortened(_ text: String) -> String {
        text.count > 64 ? String(text.prefix(64)) + "…" : text
    }
}
