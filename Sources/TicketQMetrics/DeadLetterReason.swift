/// Why a ticket was dead-lettered: the label values of `ticketq_dead_letters_total{reason}`.
public enum DeadLetterReason: String, Sendable, CaseIterable {
    /// The ticket failed on every one of its allowed deliveries.
    case deliveryLimit = "delivery_limit"
    /// The handler refused the ticket permanently.
    case handlerRejected = "handler_rejected"
    /// The handler failed on the last allowed delivery.
    case handlerFailed = "handler_failed"
    /// The ticket's payload was gone from Redis.
    case payloadMissing = "payload_missing"
    /// The ticket's payload could not be decoded.
    case payloadUndecodable = "payload_undecodable"
}
