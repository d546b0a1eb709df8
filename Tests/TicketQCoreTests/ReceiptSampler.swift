import Foundation
import TicketQCore

/// Seeded random receipt instants (UTC seconds): uniform over a range or close to the DST
/// transitions of a zone, often snapped to whole minutes, quarter hours or hours so that
/// openings, closings, cutoffs and DST boundaries are hit exactly.
struct ReceiptSampler {
    private var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// A receipt in `range`.
    mutating func receipt(in range: ClosedRange<Int64>) -> Int64 {
        snapped(Int64.random(in: range, using: &generator))
    }

    /// A receipt within `window` seconds of one of `anchors`.
    mutating func receipt(near anchors: [Int64], window: Int64) -> Int64 {
        let anchor = anchors.randomElement(using: &generator)!
        return snapped(anchor + Int64.random(in: -window...window, using: &generator))
    }

    /// A random element of a non-empty array.
    mutating func element<T>(of values: [T]) -> T {
        values.randomElement(using: &generator)!
    }

    private mutating func snapped(_ instant: Int64) -> Int64 {
        switch Int.random(in: 0..<4, using: &generator) {
        case 0: return instant
        case 1: return instant - instant % 60
        case 2: return instant - instant % 900
        default: return instant - instant % 3600
        }
    }

    /// The DST transitions of `zone` between two instants, read from Foundation.
    static func transitions(of zone: String, from start: Int64, through end: Int64) -> [Int64] {
        guard let zone = TimeZone(identifier: zone) else { return [] }
        var result: [Int64] = []
        var cursor = Date(timeIntervalSince1970: Double(start))
        while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 <= Double(end) {
            result.append(Int64(next.timeIntervalSince1970))
            cursor = next
        }
        return result
    }
}
