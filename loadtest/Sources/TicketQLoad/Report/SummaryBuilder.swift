import Histogram
import Foundation
import TicketQCore

/// Turns a phase's measurements into `summary.json`, with the run's pass/fail checks.
public struct SummaryBuilder {
    /// The scenario's name.
    public var scenario: String
    /// Whether the phase is a drain (throughput counts from the workers' start).
    public var isDrain = false
    /// The capacity measured first (steady) or the drain's own throughput.
    public var capacity: Double?
    /// The fraction of capacity a steady run must offer.
    public var steadyFraction: Double?
    /// Tickets one worker holds at most (bounds duplicate executions with kills).
    public var workerConcurrency: Int?
    /// Whether the run expects outcomes (the self-test runs without workers).
    public var expectsOutcomes = true
    /// A chaos run's lease in seconds: the faults, recovery and redelivery go into the summary,
    /// and a redelivery p99 above the lease plus five seconds fails the run.
    public var chaosLeaseSeconds: Double?

    /// Creates a builder.
    public init(scenario: String) { self.scenario = scenario }

    /// The summary of `phase`.
    public func build(_ phase: PhaseResult, metadata: RunMetadata) -> RunSummary {
        let audit = phase.audit
        let duration = Double(max(0, phase.endMicros - phase.originMicros)) / 1e6
        let throughput = isDrain ? phase.throughputFromWorkerStart : (duration > 0 ? Double(phase.latency.observed) / duration : 0)
        var offered = phase.offeredRate
        if offered == 0, let preload = phase.preload, let first = preload.firstSendNanos, let last = preload.lastSendNanos, last > first {
            offered = Double(preload.sent) / (Double(last - first) / 1e9)
        }
        var lanes: [String: LaneSummary] = [:]
        for (lane, histogram) in phase.latency.byLane { lanes[lane.rawValue] = LaneSummary(histogram) }
        let lag = phase.scheduled?.lagP99Millis ?? 0
        let overloaded = lag > 1
        var failures: [String] = []
        if overloaded {
            failures.append(String(format: "harness overloaded: schedule lag p99 %.3f ms exceeds 1 ms, so latencies include the harness's own delay", lag))
        }
        if expectsOutcomes, audit.lost > 0 {
            let states = phase.lostStates.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            failures.append("\(audit.lost) tickets lost (accepted by Redis, no outcome), e.g. \(audit.lostExamples.prefix(3).joined(separator: ", "))" + (states.isEmpty ? "" : "; in Redis now: \(states)"))
        }
        if audit.duplicates > 0 { failures.append("\(audit.duplicates) tickets with an outcome in more than one store, e.g. \(audit.duplicateExamples.prefix(3).joined(separator: ", "))") }
        var bound: Int?
        // Every fault that can take tickets from a worker (a kill, a pause or partition past
        // the lease, a lost reply, Redis going away) can make a worker's tickets run again.
        let disruptions = phase.kills + phase.faults.filter { $0.kind != .killWorker }.count
        if disruptions > 0 {
            let limit = disruptions * (workerConcurrency ?? 0)
            bound = limit
            if audit.duplicateExecutions > limit {
                let what = phase.faults.isEmpty ? "kills" : "faults"
                failures.append("\(audit.duplicateExecutions) duplicate executions exceed \(what) × concurrency = \(limit)")
            }
        }
        if phase.outstanding > 0 {
            failures.append("\(phase.outstanding) tickets were still queued or in flight in Redis when the books were read (counted lost above)")
        }
        if phase.unconfirmed > 0 {
            failures.append("\(phase.unconfirmed) outcome rows were still unconfirmed by their workers when the books were read")
        }
        var chaos: ChaosAnalysis?
        if let lease = chaosLeaseSeconds {
            let analysis = ChaosAnalysis(phase)
            chaos = analysis
            if let p99 = analysis.redeliveryP99Seconds, p99 > lease + 5 {
                failures.append(String(format: "redelivery p99 %.1f s exceeds the lease + 5 s = %.1f s", p99, lease + 5))
            }
        }
        if phase.sent == 0 { failures.append("no ticket was sent (\(phase.rejected.count) could not be planned)") }
        if phase.refused > 0 { failures.append("Redis refused \(phase.refused) tickets: \(phase.scheduled?.firstRefusal ?? phase.preload?.firstRefusal ?? "")") }
        if expectsOutcomes, phase.timedOut { failures.append("gave up waiting: no new outcome for the stall timeout with \(phase.accepted - phase.latency.observed) tickets outstanding") }
        if let killFailure = phase.killFailure { failures.append("a killed worker did not restart: \(killFailure)") }
        if let fraction = steadyFraction, let capacity, offered < 0.95 * fraction * capacity {
            failures.append(String(format: "offered %.0f/s, below 0.95 × %.2f × capacity %.0f/s", offered, fraction, capacity))
        }
        // A chaos run's p99 of some of its tickets, in ms (none when none of them completed).
        func chaosP99Millis(_ histogram: Histogram<UInt64>) -> Double? {
            chaos == nil || histogram.totalCount == 0 ? nil : Double(histogram.valueAtPercentile(99)) / 1000
        }
        return RunSummary(
            scenario: scenario, sent: phase.sent, completed: audit.completed, lost: expectsOutcomes ? audit.lost : 0, duplicates: audit.duplicates,
            duplicate_executions: audit.duplicateExecutions, duration_s: duration, throughput_per_s: throughput,
            capacity_per_s: capacity ?? (isDrain ? throughput : nil), offered_per_s: offered,
            completed_per_s: duration > 0 ? Double(audit.completed) / duration : 0,
            lanes: lanes, all_lanes: LaneSummary(phase.latency.overall),
            schedule_lag_p50_ms: Double(phase.scheduled.map { $0.sent > 0 ? $0.lag.valueAtPercentile(50) : 0 } ?? 0) / 1000, schedule_lag_p99_ms: lag,
            schedule_lag_max_ms: Double(phase.scheduled?.lag.max ?? 0) / 1000, late_sends: phase.scheduled?.lateSends ?? 0,
            harness_overloaded: overloaded, sender_realtime: phase.scheduled?.realTimePriority ?? false, thresholds: [], passed: failures.isEmpty, failures: failures,
            intake: RunSummary.IntakeCounts(
                accepted: phase.accepted, duplicates: phase.intakeDuplicates, refused: phase.refused, rejected: phase.rejected.count,
                first_refusal: phase.scheduled?.firstRefusal ?? phase.preload?.firstRefusal
            ),
            dead: audit.dead, superseded: audit.superseded, kills: phase.kills, duplicate_executions_bound: bound,
            timed_out: phase.timedOut, faults: chaos?.faults, redelivered: chaos?.redelivered, redelivery_p99_s: chaos?.redeliveryP99Seconds,
            redelivery_bound_s: chaosLeaseSeconds.map { $0 + 5 },
            untouched_p99_ms: chaosP99Millis(phase.latency.untouched), delivered_once_p99_ms: chaosP99Millis(phase.latency.deliveredOnce),
            peer: nil, metadata: metadata
        )
    }
}
