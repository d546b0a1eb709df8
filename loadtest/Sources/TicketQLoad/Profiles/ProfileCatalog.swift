import Foundation

/// The profiles `--profile NAME` knows, and profile files (`--profile FILE`).
public enum ProfileCatalog {
    /// Peak rate of the real profiles when none is given, in tickets per second: a brand whose
    /// working day brings some 58,000 tickets. The Black Friday profile is drawn on the same
    /// scale, so it carries ten times the working day's volume at this default.
    public static let defaultRecordedPeakRate = 2.0
    /// Peak rate of the synthetic profiles when none is given, in tickets per second.
    public static let defaultSyntheticPeakRate = 1000.0
    /// Duration of the synthetic profiles when none is given, in seconds.
    public static let defaultSyntheticDuration = 60.0

    /// Every profile name, with a line about it.
    public static let descriptions: [(name: String, about: String)] = [
        ("working-day", "a real working day (US bank call centre, 5-minute counts, 07:00-21:05)"),
        ("peak-day", "a real peak day with its burst (Anonymous Bank, per minute, 24 h)"),
        ("week", "a real week, weekend included (Anonymous Bank, 10-minute counts)"),
        ("black-friday", "the working day at ten times its volume, with a morning surge to twice that"),
        ("constant", "evenly spaced arrivals at the peak rate"),
        ("ramp", "evenly spaced arrivals rising from 5 % to 100 % of the peak"),
        ("step", "four steps: 25, 50, 75 and 100 % of the peak"),
        ("spike", "10 % of the peak with the middle tenth at the full peak"),
        ("poisson", "seeded Poisson arrivals at the peak rate"),
        ("bursty", "seeded bursts at the peak rate between lulls at a tenth of it"),
    ]

    /// The profile called `nameOrPath`, or the profile file at that path.
    ///
    /// - Parameters:
    ///   - peakRate: the peak rate; nil keeps the profile's default.
    ///   - duration: the duration in seconds; nil keeps the profile's (a real profile's default
    ///     is the time its recording spans).
    /// - Throws: ``LoadError`` for an unknown name, an unreadable file or a bad rate.
    public static func profile(_ nameOrPath: String, peakRate: Double? = nil, duration: Double? = nil) throws(LoadError) -> ArrivalProfile {
        if let peakRate, !(peakRate > 0 && peakRate.isFinite) { throw LoadError("--peak-rate must be a positive number of tickets per second") }
        var profile: ArrivalProfile
        switch nameOrPath {
        case "working-day": profile = recorded(RealArrivalShapes.workingDay)
        case "peak-day": profile = recorded(RealArrivalShapes.peakDay)
        case "week": profile = recorded(RealArrivalShapes.week)
        case "black-friday": profile = blackFriday()
        case "constant": profile = synthetic("constant", .constant)
        case "ramp": profile = synthetic("ramp", .ramp)
        case "step": profile = synthetic("step", .step)
        case "spike": profile = synthetic("spike", .spike)
        case "poisson": profile = synthetic("poisson", .poisson)
        case "bursty": profile = synthetic("bursty", .bursty)
        default:
            guard nameOrPath.contains("/") || nameOrPath.hasSuffix(".csv") else {
                throw LoadError("--profile: unknown profile \"\(nameOrPath)\"; use one of \(descriptions.map(\.name).joined(separator: ", ")) or a CSV file")
            }
            profile = recorded(try ProfileFile.read(path: nameOrPath))
        }
        if let peakRate { profile.peakRate = peakRate }
        if let duration { profile.duration = duration }
        return profile
    }

    /// The Black Friday shape: the working day at ten times its volume, with a morning surge
    /// (a bell around 09:30 lasting about two hours) that doubles it at its height.
    public static var blackFridayShape: ArrivalShape {
        let day = RealArrivalShapes.workingDay
        let counts = day.counts.enumerated().map { index, count -> Double in
            let hour = 7 + Double(index) * day.bucketSeconds / 3600
            let surge = exp(-0.5 * ((hour - 9.5) / 0.75) * ((hour - 9.5) / 0.75))
            return 10 * count * (1 + surge)
        }
        return ArrivalShape(name: "black-friday", bucketSeconds: day.bucketSeconds, counts: counts)
    }

    private static func recorded(_ shape: ArrivalShape) -> ArrivalProfile {
        ArrivalProfile(name: shape.name, pattern: .recorded(shape), peakRate: defaultRecordedPeakRate, duration: shape.recordedSeconds)
    }

    private static func blackFriday() -> ArrivalProfile {
        let shape = blackFridayShape
        let day = RealArrivalShapes.workingDay
        // On the working day's scale: its peak bucket maps to the default peak rate.
        let scale = defaultRecordedPeakRate / (day.counts.max() ?? 1)
        return ArrivalProfile(name: shape.name, pattern: .recorded(shape), peakRate: (shape.counts.max() ?? 0) * scale, duration: shape.recordedSeconds)
    }

    private static func synthetic(_ name: String, _ pattern: ArrivalPattern) -> ArrivalProfile {
        ArrivalProfile(name: name, pattern: pattern, peakRate: defaultSyntheticPeakRate, duration: defaultSyntheticDuration)
    }
}
