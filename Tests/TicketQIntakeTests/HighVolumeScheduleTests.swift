import TicketQCore
import TicketQIntake
import Testing

struct HighVolumeScheduleTests {
    private func t(_ seconds: Int64) -> Instant { Instant(secondsSinceEpoch: seconds) }

    @Test func offWithoutChanges() {
        let schedule = HighVolumeSchedule()
        #expect(!schedule.isOn(brand: "pandorana", at: t(0)))
        #expect(schedule.brands.isEmpty)
    }

    @Test func aChangeAppliesFromItsInstantOn() {
        var schedule = HighVolumeSchedule()
        schedule.record(brand: "pandorana", isOn: true, at: t(100))
        schedule.record(brand: "pandorana", isOn: false, at: t(200))
        #expect(!schedule.isOn(brand: "pandorana", at: t(99)))
        #expect(schedule.isOn(brand: "pandorana", at: t(100)))
        #expect(schedule.isOn(brand: "pandorana", at: t(199)))
        #expect(!schedule.isOn(brand: "pandorana", at: t(200)))
        #expect(!schedule.isOn(brand: "mejurn", at: t(150)))
        #expect(schedule.brands == ["pandorana"])
    }

    @Test func changesRecordedOutOfOrderAreSorted() {
        var schedule = HighVolumeSchedule()
        schedule.record(brand: "b", isOn: false, at: t(300))
        schedule.record(brand: "b", isOn: true, at: t(100))
        #expect(schedule.changes(for: "b").map(\.instant) == [t(100), t(300)])
        #expect(schedule.isOn(brand: "b", at: t(250)))
        #expect(!schedule.isOn(brand: "b", at: t(300)))
    }

    @Test func laterChangeAtTheSameInstantWins() {
        var schedule = HighVolumeSchedule()
        schedule.record(brand: "b", isOn: true, at: t(100))
        schedule.record(brand: "b", isOn: false, at: t(100))
        #expect(!schedule.isOn(brand: "b", at: t(100)))

        let built = HighVolumeSchedule(changes: ["b": [
            HighVolumeChange(instant: t(500), isOn: false),
            HighVolumeChange(instant: t(100), isOn: false),
            HighVolumeChange(instant: t(100), isOn: true),
        ]])
        #expect(built.isOn(brand: "b", at: t(100)))
        #expect(built.isOn(brand: "b", at: t(499)))
        #expect(!built.isOn(brand: "b", at: t(500)))
    }

    @Test func matchesALinearScanOnRandomHistories() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<200 {
            var schedule = HighVolumeSchedule()
            var log: [(Int64, Bool)] = []
            for _ in 0..<Int.random(in: 0...20, using: &generator) {
                let change = (Int64.random(in: 0...100, using: &generator), Bool.random(using: &generator))
                schedule.record(brand: "b", isOn: change.1, at: t(change.0))
                log.append(change)
            }
            for probe in Int64(-1)...101 {
                let expected = log.last(where: { $0.0 <= probe }).map { _ in
                    // The last-recorded change among those with the greatest instant ≤ probe.
                    let latest = log.filter { $0.0 <= probe }.map(\.0).max()!
                    return log.last(where: { $0.0 == latest })!.1
                } ?? false
                #expect(schedule.isOn(brand: "b", at: t(probe)) == expected)
            }
        }
    }
}
