import Foundation
import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQLanes
import TicketQMail

/// Puts a message intake could not use into the quarantine, keyed by a hash of its bytes.
enum QuarantineRecord {
    /// The id a raw message is quarantined under.
    static func id(of raw: [UInt8]) -> String {
        "q-" + MailTicketID.make(messageID: nil, raw: raw).dropFirst(2)
    }

    /// Stores the message; returns its id, or nil when the message alone is larger than the
    /// quarantine's byte limit. Older messages the retention limits evict are named on stderr.
    static func store(_ raw: [UInt8], source: String, reason: String, in lanes: LaneStore) throws(LanesError) -> String? {
        let id = id(of: raw)
        let info = QuarantineInfo(
            reason: reason, source: source,
            quarantinedAt: RFC3339.formatUTC(Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))), bytes: raw.count
        )
        let admission = try lanes.quarantine(id: id, infoJSON: info.json, raw: raw)
        for eviction in admission.evicted { Diagnostics.note("quarantine: \(eviction)") }
        return admission.stored ? id : nil
    }
}
