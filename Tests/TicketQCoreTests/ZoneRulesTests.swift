import Testing
@testable import TicketQCore

/// The wall-clock → instant rule of spec §3.2 on the DST gaps and overlaps of both brand zones.
struct ZoneRulesTests {
    static let cases: [(zone: String, date: String, wall: String, expected: String)] = [
        // New York, spring forward 2024-03-10 02:00 EST → 03:00 EDT (07:00Z).
        ("America/New_York", "2024-03-10", "01:59", "2024-03-10T06:59:00Z"),
        ("America/New_York", "2024-03-10", "02:00", "2024-03-10T07:00:00Z"),
        ("America/New_York", "2024-03-10", "02:30", "2024-03-10T07:00:00Z"),
        ("America/New_York", "2024-03-10", "02:59", "2024-03-10T07:00:00Z"),
        ("America/New_York", "2024-03-10", "03:00", "2024-03-10T07:00:00Z"),
        ("America/New_York", "2024-03-10", "03:01", "2024-03-10T07:01:00Z"),
        // New York, fall back 2024-11-03 02:00 EDT → 01:00 EST (06:00Z): first occurrence.
        ("America/New_York", "2024-11-03", "00:59", "2024-11-03T04:59:00Z"),
        ("America/New_York", "2024-11-03", "01:00", "2024-11-03T05:00:00Z"),
        ("America/New_York", "2024-11-03", "01:30", "2024-11-03T05:30:00Z"),
        ("America/New_York", "2024-11-03", "01:59", "2024-11-03T05:59:00Z"),
        ("America/New_York", "2024-11-03", "02:00", "2024-11-03T07:00:00Z"),
        // London, spring forward 2024-03-31 01:00 GMT → 02:00 BST (01:00Z).
        ("Europe/London", "2024-03-31", "00:59", "2024-03-31T00:59:00Z"),
        ("Europe/London", "2024-03-31", "01:00", "2024-03-31T01:00:00Z"),
        ("Europe/London", "2024-03-31", "01:30", "2024-03-31T01:00:00Z"),
        ("Europe/London", "2024-03-31", "02:00", "2024-03-31T01:00:00Z"),
        ("Europe/London", "2024-03-31", "02:01", "2024-03-31T01:01:00Z"),
        // London, fall back 2024-10-27 02:00 BST → 01:00 GMT (01:00Z): first occurrence.
        ("Europe/London", "2024-10-27", "00:30", "2024-10-26T23:30:00Z"),
        ("Europe/London", "2024-10-27", "01:00", "2024-10-27T00:00:00Z"),
        ("Europe/London", "2024-10-27", "01:30", "2024-10-27T00:30:00Z"),
        ("Europe/London", "2024-10-27", "02:00", "2024-10-27T02:00:00Z"),
        // 24:00 is the next day's 00:00.
        ("America/New_York", "2024-03-09", "24:00", "2024-03-10T05:00:00Z"),
        ("Europe/London", "2024-10-26", "24:00", "2024-10-26T23:00:00Z"),
    ]

    static func rules(_ zone: String) throws -> ZoneRules {
        try #require(ZoneRules(
            identifier: zone,
            from: TestTime.instant("2023-12-01T00:00:00Z"), through: TestTime.instant("2025-02-01T00:00:00Z")
        ))
    }

    @Test("at(d, HH:MM) is the earliest instant whose reading is at or after the wall time", arguments: cases)
    func boundaryInstant(zone: String, date: String, wall: String, expected: String) throws {
        let rules = try Self.rules(zone)
        let instant = rules.instant(of: try TestTime.date(date), at: try TestTime.wall(wall))
        #expect(instant == (try TestTime.instant(expected)).secondsSinceEpoch)
    }

    @Test("at() is monotone and earliest for every minute of the four transition days", arguments: [
        ("America/New_York", "2024-03-10"), ("America/New_York", "2024-11-03"),
        ("Europe/London", "2024-03-31"), ("Europe/London", "2024-10-27"),
    ])
    func monotoneAndEarliest(zone: String, date: String) throws {
        let rules = try Self.rules(zone)
        let day = try TestTime.date(date)
        var previous = Int64.min
        var violations: [String] = []
        for minute in 0...1440 {
            let wall = try #require(WallTime(minutes: minute))
            let local = day.dayNumber * 86_400 + Int64(minute) * 60
            let instant = rules.instant(of: day, at: wall)
            if instant < previous { violations.append("\(wall): not monotone") }
            if rules.reading(of: instant) < local { violations.append("\(wall): reading before the wall time") }
            // No earlier instant (within the largest DST shift) reads at or after the wall time.
            var earlier = instant - 7_200
            while earlier < instant {
                if rules.reading(of: earlier) >= local { violations.append("\(wall): \(earlier) is earlier") }
                earlier += 60
            }
            previous = instant
        }
        #expect(violations.isEmpty, "\(violations.prefix(5))")
    }

    @Test("offsets and readings around the New York fall-back transition")
    func offsetsAroundFallBack() throws {
        let rules = try Self.rules("America/New_York")
        let transition = try TestTime.instant("2024-11-03T06:00:00Z").secondsSinceEpoch
        #expect(rules.offset(at: transition - 1) == -4 * 3600)
        #expect(rules.offset(at: transition) == -5 * 3600)
        #expect(rules.reading(of: transition) == rules.reading(of: transition - 3600))
    }
}
