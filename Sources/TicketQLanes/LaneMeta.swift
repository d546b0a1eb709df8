import TicketQCore

/// A ticket's `meta` field as stored by the lane scripts: `0|promoted|laneCode|dueMs|intakeCode|enqueuedMs`.
struct LaneMeta {
    let promoted: Bool
    let lane: Lane
    let dueMillis: Int64
    let intakeLane: Lane
    let enqueuedMillis: Int64

    init?(_ text: String?) {
        guard let parts = text?.split(separator: "|", omittingEmptySubsequences: false), parts.count == 6,
              let lane = LaneCode.lane(String(parts[2])), let due = Int64(parts[3]),
              let intake = LaneCode.lane(String(parts[4])), let enqueued = Int64(parts[5])
        else { return nil }
        promoted = parts[1] == "1"
        self.lane = lane
        dueMillis = due
        intakeLane = intake
        enqueuedMillis = enqueued
    }
}
