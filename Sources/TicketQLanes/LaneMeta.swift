import TicketQCore

/// A ticket's `meta` field as stored by the lane scripts: `0|promoted|laneCode|dueMs|intakeCode|enqueuedMs`.
struct LaneMeta {
    let promoted: Bool
    let lane: Lane
    let dueMillis: Int64
    let intakeLane: Lane
    let enqueuedMillis: Int64

    /// Parses the raw bytes of the field (a hot path of every claim: no String splitting).
    init?(_ bytes: [UInt8]?) {
        guard let bytes else { return nil }
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(6)
        var start = 0
        for index in 0..<bytes.count where bytes[index] == UInt8(ascii: "|") {
            fields.append(bytes[start..<index])
            start = index + 1
        }
        fields.append(bytes[start..<bytes.count])
        guard fields.count == 6, fields[2].count == 1, fields[4].count == 1,
              let lane = LaneMeta.lane(fields[2].first!), let intake = LaneMeta.lane(fields[4].first!),
              let due = LaneMeta.integer(fields[3]), let enqueued = LaneMeta.integer(fields[5])
        else { return nil }
        promoted = fields[1].first == UInt8(ascii: "1")
        self.lane = lane
        dueMillis = due
        intakeLane = intake
        enqueuedMillis = enqueued
    }

    private static func lane(_ code: UInt8) -> Lane? {
        switch code {
        case UInt8(ascii: "s"): return .sameBusinessDay
        case UInt8(ascii: "e"): return .extended
        case UInt8(ascii: "n"): return .standard
        default: return nil
        }
    }

    private static func integer(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty else { return nil }
        var value: Int64 = 0
        var negative = false
        for (offset, byte) in digits.enumerated() {
            if offset == 0, byte == UInt8(ascii: "-") {
                negative = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            value = value &* 10 &+ Int64(byte - 48)
        }
        return negative ? -value : value
    }
}
