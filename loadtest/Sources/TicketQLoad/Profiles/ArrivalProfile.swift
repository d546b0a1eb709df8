import TicketQCore

/// An arrival profile: a pattern scaled to a peak rate and a duration. Generating it yields the
/// arrival offsets of a trace, in seconds from its start.
public struct ArrivalProfile: Sendable, Hashable {
    /// The profile's name.
    public let name: String
    /// The arrival pattern.
    public let pattern: ArrivalPattern
    /// The highest arrival rate, in tickets per second.
    public var peakRate: Double
    /// The time the profile spans, in seconds.
    public var duration: Double

    /// Creates a profile.
    public init(name: String, pattern: ArrivalPattern, peakRate: Double, duration: Double) {
        self.name = name
        self.pattern = pattern
        self.peakRate = peakRate
        self.duration = duration
    }

    /// The arrival offsets in seconds, ascending, for `seed`.
    public func arrivals(seed: UInt64) -> [Double] {
        var random = SplitMix64(seed: seed)
        switch pattern {
        case let .recorded(shape):
            return recordedArrivals(shape, random: &random)
        case .constant:
            return paced { _ in 1 }
        case .ramp:
            return paced { 0.05 + 0.95 * $0 }
        case .step:
            return paced { 0.25 * (min(3, (4 * $0).rounded(.down)) + 1) }
        case .spike:
            return paced { (0.45..<0.55).contains($0) ? 1 : 0.1 }
        case .poisson:
            var offsets: [Double] = []
            offsets.reserveCapacity(Int(peakRate * duration * 1.05))
            var time = random.exponentialGap(rate: peakRate)
            while time < duration {
                offsets.append(time)
                time += random.exponentialGap(rate: peakRate)
            }
            return offsets
        case .bursty:
            return burstyArrivals(random: &random)
        }
    }

    /// The number of arrivals the profile is expected to produce.
    public var expectedCount: Double {
        switch pattern {
        case let .recorded(shape):
            let peak = shape.counts.max() ?? 0
            return peak > 0 ? shape.counts.reduce(0, +) / peak * peakRate * duration / Double(shape.counts.count) : 0
        case .constant, .poisson: return peakRate * duration
        case .ramp: return peakRate * duration * 0.525
        case .step: return peakRate * duration * 0.625
        case .spike: return peakRate * duration * 0.19
        case .bursty: return peakRate * duration * 0.4
        }
    }

    /// Deterministic arrivals whose rate at fraction `f` of the run is `peakRate × relative(f)`.
    private func paced(_ relative: (Double) -> Double) -> [Double] {
        var offsets: [Double] = []
        offsets.reserveCapacity(Int(expectedCount * 1.05) + 1)
        var time = 0.0
        while true {
            let rate = peakRate * relative(time / duration)
            time += 1 / rate
            guard time < duration else { break }
            offsets.append(time)
        }
        return offsets
    }

    private func recordedArrivals(_ shape: ArrivalShape, random: inout SplitMix64) -> [Double] {
        let peak = shape.counts.max() ?? 0
        guard peak > 0 else { return [] }
        let bucket = duration / Double(shape.counts.count)
        var offsets: [Double] = []
        offsets.reserveCapacity(Int(expectedCount * 1.05) + 1)
        for (index, count) in shape.counts.enumerated() where count > 0 {
            let rate = peakRate * count / peak
            let start = Double(index) * bucket
            var time = start + random.exponentialGap(rate: rate)
            while time < start + bucket {
                offsets.append(time)
                time += random.exponentialGap(rate: rate)
            }
        }
        return offsets
    }

    private func burstyArrivals(random: inout SplitMix64) -> [Double] {
        var offsets: [Double] = []
        offsets.reserveCapacity(Int(expectedCount * 1.2) + 1)
        let meanBurst = duration / 40
        var time = 0.0
        var bursting = true
        while time < duration {
            let sojourn = random.exponentialGap(rate: 1 / (bursting ? meanBurst : 2 * meanBurst))
            let end = min(duration, time + sojourn)
            let rate = bursting ? peakRate : peakRate / 10
            var arrival = time + random.exponentialGap(rate: rate)
            while arrival < end {
                offsets.append(arrival)
                arrival += random.exponentialGap(rate: rate)
            }
            time = end
            bursting.toggle()
        }
        return offsets
    }
}
