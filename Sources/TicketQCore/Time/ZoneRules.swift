import Foundation

/// The UTC offsets of one IANA time zone over a bounded range, as a table of transitions.
///
/// Built once from the system tz database when a calendar is loaded; afterwards every lookup is
/// a binary search over a handful of transitions, with no Foundation calls and no allocation.
public struct ZoneRules: Sendable {
    /// The IANA identifier, e.g. `America/New_York`.
    public let identifier: String
    /// Instants at which the offset changes, ascending.
    private let transitions: [Int64]
    /// `offsets[i]` is in force from `transitions[i - 1]` (or the beginning of time) until `transitions[i]`.
    private let offsets: [Int64]

    /// The largest UTC offset magnitude any zone uses, with margin (real zones stay within ±14 h).
    static let maximumOffset: Int64 = 18 * 3600

    /// Reads the zone's transitions between two instants from the system tz database.
    ///
    /// - Returns: nil when the identifier does not resolve.
    public init?(identifier: String, from start: Instant, through end: Instant) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        var transitions: [Int64] = []
        var offsets: [Int64] = [Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(start.secondsSinceEpoch))))]
        var cursor = Date(timeIntervalSince1970: Double(start.secondsSinceEpoch))
        let limit = Date(timeIntervalSince1970: Double(end.secondsSinceEpoch))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next <= limit {
            let instant = Int64(next.timeIntervalSince1970.rounded())
            let offset = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(instant))))
            if offset != offsets[offsets.count - 1] {
                transitions.append(instant)
                offsets.append(offset)
            }
            cursor = next
        }
        self.transitions = transitions
        self.offsets = offsets
    }

    /// The UTC offset in seconds in force at `instant`.
    @inline(__always)
    public func offset(at instant: Int64) -> Int64 {
        offsets[pieceIndex(containing: instant)]
    }

    /// The local wall-clock reading of `instant`, as seconds since 1970-01-01T00:00 local time.
    @inline(__always)
    public func reading(of instant: Int64) -> Int64 {
        instant + offset(at: instant)
    }

    /// The earliest instant whose local reading is at or after `localSeconds` (spec §3.2).
    ///
    /// In a spring-forward gap this is the transition instant; in a fall-back overlap it is the
    /// first occurrence. The mapping is monotone.
    public func earliestInstant(readingAtLeast localSeconds: Int64) -> Int64 {
        // reading(t) <= t + maximumOffset, so nothing before this can reach the reading.
        let lowerBound = localSeconds - ZoneRules.maximumOffset
        var piece = pieceIndex(containing: lowerBound)
        while true {
            let candidate = max(lowerBound, localSeconds - offsets[piece])
            let pieceStart = piece == 0 ? Int64.min : transitions[piece - 1]
            let startCandidate = max(candidate, pieceStart)
            let pieceEnd = piece < transitions.count ? transitions[piece] : Int64.max
            if startCandidate < pieceEnd { return startCandidate }
            piece += 1
        }
    }

    /// The instant of a local date and wall time by the §3.2 rule (`24:00` is the next day's `00:00`).
    @inline(__always)
    public func instant(of date: LocalDate, at time: WallTime) -> Int64 {
        earliestInstant(readingAtLeast: date.dayNumber * 86_400 + time.seconds)
    }

    @inline(__always)
    private func pieceIndex(containing instant: Int64) -> Int {
        // The number of transitions at or before `instant`.
        var low = 0
        var high = transitions.count
        while low < high {
            let mid = (low + high) >> 1
            if transitions[mid] <= instant { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
