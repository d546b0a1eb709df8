import TicketQCore

/// The value of one column of an outcome, typed for output formatting.
public enum OutcomeFieldValue: Sendable, Hashable {
    /// Text.
    case text(String)
    /// A plain integer.
    case integer(Int64)
    /// A boolean.
    case bool(Bool)
    /// An instant in milliseconds since the Unix epoch (UTC).
    case timestamp(Int64)
    /// No value.
    case null
}

extension OutcomeRecord {
    /// The value of `column` in this record.
    public func value(of column: OutcomeColumn) -> OutcomeFieldValue {
        switch column {
        case .ticketID: .text(ticketID)
        case .brand: .text(brand)
        case .category: .text(category)
        case .urgent: .bool(urgent)
        case .lane: .text(lane.rawValue)
        case .promoted: .bool(promoted)
        case .receivedAt: .timestamp(receivedAt)
        case .effectiveReceiptAt: .timestamp(effectiveReceiptAt)
        case .dueAt: .timestamp(dueAt)
        case .resolutionDueAt: resolutionDueAt.map { .timestamp($0) } ?? .null
        case .enqueuedAt: .timestamp(enqueuedAt)
        case .startedAt: .timestamp(startedAt)
        case .completedAt: .timestamp(completedAt)
        case .attempts: .integer(Int64(attempts))
        case .worker: .text(worker)
        case .status: .text(status.rawValue)
        case .slaMet: slaMet.map { .bool($0) } ?? .null
        case .action: .text(action)
        case .reply: reply.map { .text($0) } ?? .null
        case .fence: .integer(fence)
        case .deadReason: deadReason.map { .text($0) } ?? .null
        case .lastError: lastError.map { .text($0) } ?? .null
        case .policyVersion: .text(policyVersion)
        case .calendarVersion: .text(calendarVersion)
        case .triageModelVersion: triageModelVersion.map { .text($0) } ?? .null
        case .truncated: .bool(truncated)
        case .needsReview: .bool(needsReview)
        case .mimeDefects: mimeDefects.isEmpty ? .null : .text(mimeDefects.joined(separator: ","))
        case .ackConfirmed: .bool(ackConfirmed)
        }
    }
}
