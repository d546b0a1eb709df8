import TicketQCore

/// Ticket ids for emails: stable across resubmissions of the same message, within the ticket id
/// alphabet. `m-` and 32 hex digits from the Message-ID (two FNV-1a 64-bit hashes, of the id and
/// of the id reversed); `c-` and 32 hex digits of the raw bytes when there is no Message-ID.
public enum MailTicketID {
    /// The ticket id of a message.
    public static func make(messageID: String?, raw: [UInt8]) -> String {
        if let messageID {
            let bytes = Array(messageID.utf8)
            return "m-" + hex(FNV1a64.hash(bytes)) + hex(FNV1a64.hash(bytes.reversed()))
        }
        return "c-" + hex(FNV1a64.hash(raw)) + hex(FNV1a64.hash(raw.reversed()))
    }

    private static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
