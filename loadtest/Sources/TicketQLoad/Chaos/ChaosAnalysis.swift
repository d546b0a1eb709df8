/// What a chaos run's faults did: when each hit, how long the cluster took to get its
/// throughput back, and how long redelivered tickets waited after a fault.
public struct ChaosAnalysis: Sendable {
    /// The faults, in the order they were injected.
    public var faults: [FaultSummary]
    /// Tickets whose settled delivery was not their first, claimed after a fault.
    public var redelivered: Int
    /// The 99th percentile of (claim of a redelivered ticket − the latest fault before it), in
    /// seconds; nil when nothing was redelivered.
    public var redeliveryP99Seconds: Double?

    /// Seconds of completions before a fault that make its baseline.
    public static let baselineSeconds = 5
    /// The share of the baseline throughput that counts as recovered.
    public static let recoveredShare = 0.9

    /// Analyses `phase`'s faults against its completions and the audit's redelivered claims.
    public init(_ phase: PhaseResult) {
        let perSecond = phase.latency.completedPerSecond
        faults = phase.faults.map { event in
            let at = Double(event.startMicros - phase.originMicros) / 1e6
            return FaultSummary(
                kind: event.kind.rawValue, target: event.target, at_s: at, duration_s: event.durationSeconds,
                recovery_s: Self.recovery(at: at, healed: at + event.durationSeconds, perSecond: perSecond)
            )
        }
        let starts = phase.faults.map(\.startMicros).sorted()
        var waits: [Double] = []
        for claimMillis in phase.audit.redeliveredClaimMillis {
            let claim = claimMillis * 1000
            guard let fault = Self.latest(in: starts, notAfter: claim) else { continue }
            waits.append(Double(claim - fault) / 1e6)
        }
        redelivered = waits.count
        waits.sort()
        redeliveryP99Seconds = waits.isEmpty ? nil : waits[min(waits.count - 1, Int((Double(waits.count) * 0.99).rounded(.up)) - 1)]
    }

    /// The end of the first whole second after the fault was healed whose completions reach
    /// 90 % of the mean of the five whole seconds before the fault, minus the fault's start.
    static func recovery(at: Double, healed: Double, perSecond: [Int]) -> Double? {
        let faultSecond = max(0, Int(at))
        let end = min(faultSecond, perSecond.count)
        let before = perSecond[min(end, max(0, faultSecond - baselineSeconds))..<end]
        let baseline = before.isEmpty ? 0 : Double(before.reduce(0, +)) / Double(before.count)
        guard baseline > 0 else { return 0 }
        var second = max(0, Int(healed.rounded(.up)))
        while second < perSecond.count {
            if Double(perSecond[second]) >= recoveredShare * baseline { return max(0, Double(second + 1) - at) }
            second += 1
        }
        return nil
    }

    /// The greatest of the sorted `values` not above `limit`.
    static func latest(in values: [Int64], notAfter limit: Int64) -> Int64? {
        var low = 0
        var high = values.count
        while low < high {
            let middle = (low + high) / 2
            if values[middle] <= limit { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? values[low - 1] : nil
    }
}
