import Foundation
import TicketQLanes
import TicketQRedis

/// After a run with faults, waits until the deployment has nothing left to do: no ticket
/// queued, retrying or in flight in Redis, and no outcome row waiting for its worker's
/// confirmation (a store that cannot be read at the moment counts as not settled). A ticket
/// whose first delivery's row was superseded may still be on its way to a second delivery when
/// every ticket has been seen once; reading the books before then would count it lost.
enum QuiescenceWait {
    /// What was still outstanding when waiting ended (all zero when quiescent).
    struct Outstanding: Sendable {
        var queued = 0
        var inFlight = 0
        var unconfirmed = 0

        var isQuiescent: Bool { queued == 0 && inFlight == 0 && unconfirmed == 0 }
    }

    /// Waits up to `timeout` seconds; returns what was still outstanding.
    static func wait(target: LoadTarget, timeout: Double) -> Outstanding {
        let deadline = MonotonicClock.nanoseconds() + Int64(timeout * 1e9)
        var lanes: LaneStore?
        var last = Outstanding(queued: -1)
        while true {
            if lanes == nil { lanes = try? target.lanes() }
            let unconfirmed = UnconfirmedOutcomes.count(in: target.storePaths)
            var now = Outstanding(unconfirmed: unconfirmed ?? max(last.unconfirmed, 0))
            if let snapshot = try? lanes?.snapshot() {
                now.queued = snapshot.lanes.values.reduce(0) { $0 + $1.depth }
                now.inFlight = snapshot.inFlight
                last = now
                if now.isQuiescent, unconfirmed != nil { return now }
            } else {
                lanes = nil
            }
            if MonotonicClock.nanoseconds() >= deadline { return last }
            MonotonicClock.pause(nanoseconds: 200_000_000)
        }
    }
}
