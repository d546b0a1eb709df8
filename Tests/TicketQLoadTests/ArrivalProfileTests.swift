import Foundation
import Testing
import TicketQLoad

struct ArrivalProfileTests {
    private func rates(_ offsets: [Double], buckets: Int, duration: Double) -> [Double] {
        var counts = [Double](repeating: 0, count: buckets)
        for offset in offsets { counts[min(buckets - 1, Int(offset / duration * Double(buckets)))] += 1 }
        return counts.map { $0 / (duration / Double(buckets)) }
    }

    @Test func constantArrivalsAreEvenlySpacedAtThePeakRate() throws {
        let profile = try ProfileCatalog.profile("constant", peakRate: 200, duration: 10)
        let offsets = profile.arrivals(seed: 1)
        #expect(abs(offsets.count - 2000) <= 1)
        let gaps = zip(offsets.dropFirst(), offsets).map { $0 - $1 }
        #expect(gaps.allSatisfy { abs($0 - 0.005) < 1e-9 })
    }

    @Test func rampRisesAndStepClimbsInFourSteps() throws {
        let ramp = rates(try ProfileCatalog.profile("ramp", peakRate: 1000, duration: 10).arrivals(seed: 1), buckets: 10, duration: 10)
        #expect(zip(ramp.dropFirst(), ramp).allSatisfy { $0 > $1 })
        #expect(ramp.first! < 150 && ramp.last! > 900)
        let step = rates(try ProfileCatalog.profile("step", peakRate: 1000, duration: 8).arrivals(seed: 1), buckets: 4, duration: 8)
        for (index, expected) in [250.0, 500, 750, 1000].enumerated() { #expect(abs(step[index] - expected) <= 2) }
    }

    @Test func spikeHoldsTheFullPeakInTheMiddleTenth() throws {
        let spike = rates(try ProfileCatalog.profile("spike", peakRate: 1000, duration: 20).arrivals(seed: 1), buckets: 20, duration: 20)
        #expect(abs(spike[0] - 100) <= 2)
        #expect(abs(spike[9] - 1000) <= 15 && abs(spike[10] - 1000) <= 15, "one baseline gap may reach into the spike")
    }

    @Test func poissonArrivalsAreSeededAndKeepTheirMean() throws {
        let profile = try ProfileCatalog.profile("poisson", peakRate: 1000, duration: 20)
        let first = profile.arrivals(seed: 7)
        #expect(first == profile.arrivals(seed: 7))
        #expect(first != profile.arrivals(seed: 8))
        #expect(abs(Double(first.count) - 20_000) < 600, "within about 4 standard deviations")
        let gaps = zip(first.dropFirst(), first).map { $0 - $1 }
        let mean = gaps.reduce(0, +) / Double(gaps.count)
        let variance = gaps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(gaps.count)
        #expect(abs(variance.squareRoot() / mean - 1) < 0.05, "exponential gaps have a coefficient of variation of 1")
    }

    @Test func burstyArrivalsAreBurstierThanPoisson() throws {
        func dispersion(_ name: String) throws -> Double {
            let counts = rates(try ProfileCatalog.profile(name, peakRate: 1000, duration: 60).arrivals(seed: 3), buckets: 600, duration: 60).map { $0 / 10 }
            let mean = counts.reduce(0, +) / Double(counts.count)
            return counts.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(counts.count) / mean
        }
        #expect(try dispersion("poisson") < 1.5)
        #expect(try dispersion("bursty") > 5)
    }

    @Test func realProfilesScaleTheirShapeToThePeakAndDuration() throws {
        let profile = try ProfileCatalog.profile("peak-day", peakRate: 400, duration: 1440)
        let offsets = profile.arrivals(seed: 11)
        let perMinute = rates(offsets, buckets: 1440, duration: 1440)
        let busiest = perMinute.indices.max { perMinute[$0] < perMinute[$1] }!
        #expect((800...810).contains(busiest), "the redial storm at 13:20-13:24 is the day's peak (bucket \(busiest))")
        #expect(abs(Double(offsets.count) - profile.expectedCount) < 5 * profile.expectedCount.squareRoot())
        #expect(perMinute[3 * 60] < perMinute[10 * 60], "nights are quieter than mornings")
    }

    @Test func blackFridayIsTenTimesTheWorkingDayWithAMorningSurge() throws {
        let day = try ProfileCatalog.profile("working-day")
        let friday = try ProfileCatalog.profile("black-friday")
        let ratio = friday.expectedCount / day.expectedCount
        #expect(ratio > 10 && ratio < 14, "ten times the volume plus the surge (\(ratio))")
        let shape = ProfileCatalog.blackFridayShape
        let peakBucket = shape.counts.indices.max { shape.counts[$0] < shape.counts[$1] }!
        let hour = 7 + Double(peakBucket) * shape.bucketSeconds / 3600
        #expect(hour >= 8.5 && hour <= 11, "the surge peaks in the morning (\(hour) h)")
        #expect(friday.duration == day.duration)
    }

    @Test func profileFilesAreReadWithTheirBucketLength() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID().uuidString).csv").path
        try "# two hours\nstart,arrivals\n08:00,10\n08:30,30\n09:00,20\n09:30,0\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let profile = try ProfileCatalog.profile(path, peakRate: 10)
        guard case let .recorded(shape) = profile.pattern else { Issue.record("not a recorded shape"); return }
        #expect(shape.counts == [10, 30, 20, 0])
        #expect(shape.bucketSeconds == 1800, "inferred from the times")
        #expect(profile.duration == 7200)
    }

    @Test func badProfileFilesNameTheLine() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("profile-\(UUID().uuidString).csv").path
        try "start,arrivals\n08:00,10\n08:01,lots\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect { try ProfileCatalog.profile(path) } throws: { "\($0)".contains("line 3") }
        #expect { try ProfileCatalog.profile("no-such-profile") } throws: { "\($0)".contains("unknown profile") }
        #expect { try ProfileCatalog.profile("/nowhere/at/all.csv") } throws: { "\($0)".contains("cannot read") }
        #expect { try ProfileCatalog.profile("constant", peakRate: 0) } throws: { "\($0)".contains("--peak-rate") }
    }
}
