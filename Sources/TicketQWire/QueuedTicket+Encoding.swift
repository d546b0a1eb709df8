import TicketQCore

extension QueuedTicket {
    /// The queue payload: one compact JSON object with short keys (schema version 1, or 2 when
    /// the ticket carries ``mimeDefects``, as one comma-separated string under `md`),
    /// instants as integer milliseconds since the epoch, absent optional fields left out and the
    /// flags `urgent`, `complex` and `truncated` written only when true.
    ///
    /// ```json
    /// {"v":1,"id":"T-1","br":"pandorana","rc":1710338400000,"ln":"n","du":1710770400000,"er":1710338400000,
    ///  "ca":"general","pv":"1","cv":"1","eq":1710338401234,"sj":"…","bd":"…"}
    /// ```
    public func encode() -> [UInt8] {
        let textSize = (ticket.subject?.utf8.count ?? 0) + (ticket.body?.utf8.count ?? 0)
        var writer = PayloadWriter(capacity: 320 + textSize + textSize / 8)
        writer.add(.version, mimeDefects.isEmpty ? 1 : QueuedTicket.payloadVersion)
        writer.add(.id, ticket.id)
        writer.add(.brand, ticket.brand)
        writer.add(.receivedMillis, receivedMillis)
        writer.add(.lane, PayloadKey.code(of: lane))
        writer.add(.dueMillis, dueMillis)
        writer.addIfPresent(.resolutionDueMillis, resolutionDueMillis)
        writer.add(.effectiveReceiptMillis, effectiveReceiptMillis)
        writer.add(.categoryResolved, categoryResolved)
        writer.addIfTrue(.urgent, urgent)
        writer.addIfTrue(.complex, complex)
        writer.addIfTrue(.truncated, ticket.truncated)
        writer.add(.policyVersion, policyVersion)
        writer.add(.calendarVersion, calendarVersion)
        writer.add(.enqueuedAtMillis, enqueuedAtMillis)
        writer.addIfPresent(.givenCategory, ticket.category)
        writer.addIfPresent(.givenUrgent, ticket.urgent)
        writer.addIfPresent(.givenComplex, ticket.complex)
        writer.addIfPresent(.from, ticket.from)
        writer.addIfPresent(.messageID, ticket.messageID)
        writer.addIfPresent(.orderID, ticket.orderID)
        writer.addIfPresent(.triageModel, triageModelVersion)
        writer.addIfTrue(.needsReview, needsReview)
        if !mimeDefects.isEmpty { writer.add(.mimeDefects, mimeDefects.joined(separator: ",")) }
        writer.addIfPresent(.subject, ticket.subject)
        writer.addIfPresent(.body, ticket.body)
        return writer.finish()
    }
}
