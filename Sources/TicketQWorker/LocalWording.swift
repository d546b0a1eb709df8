import Foundation
import Synchronization
import TicketQCore

/// Writes instants the way a brand speaks to customers: "Tuesday 1 December 2026, 5:00 PM EST",
/// in the brand calendar's zone, never raw UTC (spec §8 display rule).
final class LocalWording: Sendable {
    private static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    private static let months = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]
    /// Zone abbreviations by (zone, offset): computed once, since Foundation's lookup is slow.
    private let abbreviations = Mutex<[String: String]>([:])
    /// Recent descriptions: many tickets share a deadline (the close of the same business day).
    private let recent = Mutex<[DescriptionKey: String]>([:])

    private struct DescriptionKey: Hashable {
        let calendar: String
        let instant: Int64
    }

    func describe(_ instant: Instant, in calendar: BusinessCalendar) -> String {
        let key = DescriptionKey(calendar: calendar.id, instant: instant.secondsSinceEpoch)
        if let known = recent.withLock({ $0[key] }) { return known }
        let text = compose(instant, in: calendar)
        recent.withLock { cache in
            if cache.count >= 4096 { cache.removeAll(keepingCapacity: true) }
            cache[key] = text
        }
        return text
    }

    private func compose(_ instant: Instant, in calendar: BusinessCalendar) -> String {
        let offset = calendar.utcOffset(at: instant)
        let local = instant.secondsSinceEpoch + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let date = LocalDate(dayNumber: days)
        let (year, month, day) = date.components
        let secondOfDay = Int(local - days * 86_400)
        let hour24 = secondOfDay / 3600
        let minute = secondOfDay / 60 % 60
        let hour12 = hour24 % 12 == 0 ? 12 : hour24 % 12
        let weekdayIndex = Weekday.allCases.firstIndex(of: date.weekday) ?? 0
        let minuteText = minute < 10 ? "0\(minute)" : "\(minute)"
        return "\(Self.weekdays[weekdayIndex]) \(day) \(Self.months[month - 1]) \(year), "
            + "\(hour12):\(minuteText) \(hour24 < 12 ? "AM" : "PM") \(abbreviation(calendar.timeZone, offset: offset, at: instant))"
    }

    private func abbreviation(_ zone: String, offset: Int64, at instant: Instant) -> String {
        let key = "\(zone)|\(offset)"
        if let known = abbreviations.withLock({ $0[key] }) { return known }
        let computed = TimeZone(identifier: zone)?.abbreviation(for: Date(timeIntervalSince1970: Double(instant.secondsSinceEpoch)))
            ?? RFC3339.format(instant, offsetSeconds: offset).suffix(6).description
        abbreviations.withLock { $0[key] = computed }
        return computed
    }
}
