import Foundation
import Synchronization
import TicketQConfig
import TicketQIntake
import TicketQLanes

/// Runs phases against a target: preload, workers, open-loop sending, the outcome tail, the
/// monitor and the killer, then the audit.
public struct PhaseRunner {
    private let target: LoadTarget
    private let catalog: PolicyCatalog
    private let builder: LaneEntryBuilder
    private let connections: Int

    /// Creates a runner; `builder` plans tickets the way intake does.
    public init(target: LoadTarget, catalog: PolicyCatalog, builder: LaneEntryBuilder, connections: Int = 8) {
        self.target = target
        self.catalog = catalog
        self.builder = builder
        self.connections = connections
    }

    /// Runs one phase.
    /// - Throws: ``LoadError`` when Redis cannot be reached, workers cannot start or the
    ///   stores cannot be read.
    public func run(_ spec: PhaseSpec) throws(LoadError) -> PhaseResult {
        let ids = spec.preload.ids + spec.scheduled.ids
        let flags = AcceptanceFlags(count: ids.count)
        let fromRowIDs = OutcomeTail.lastRowIDs(of: target.storePaths)
        var rejected: [(line: Int, reason: String)] = spec.preload.rejected + spec.scheduled.rejected

        var preloadSend: SendMeasurements?
        if spec.preload.count > 0 {
            let planned = spec.preload.entries(startMicros: MonotonicClock.wallMicroseconds(), builder: builder)
            rejected += planned.rejected
            let sender = OpenLoopSender(url: target.url, keys: target.keys, connections: connections)
            preloadSend = sender.run(entries: planned.entries, offsets: spec.preload.offsets, startNanos: MonotonicClock.nanoseconds(), flags: flags)
            if let refusal = preloadSend?.firstRefusal, preloadSend?.accepted == 0 { throw LoadError("Redis refused the preload: \(refusal)") }
        }
        // The tail follows the stores before the workers start, so that it sees their first outcome.
        let tail = OutcomeTail(storePaths: target.storePaths, ids: ids, fromRowIDs: fromRowIDs)
        tail.start()
        let workersStarted = target.workersStarted || !spec.startWorkers ? MonotonicClock.wallMicroseconds() : try target.startWorkers()
        // Plan the scheduled tickets for a start far enough ahead that planning finishes first.
        var scheduledEntries: [PlannedEntry?] = []
        var startWall = MonotonicClock.wallMicroseconds()
        if spec.scheduled.count > 0 {
            startWall += planningMargin(spec.scheduled)
            let planned = spec.scheduled.entries(startMicros: startWall, builder: builder)
            scheduledEntries = planned.entries
            rejected += planned.rejected
        }
        let origin = spec.preload.count > 0 || spec.scheduled.count == 0 ? workersStarted : startWall
        var intended = [Int64](repeating: origin, count: spec.preload.count)
        intended.reserveCapacity(ids.count)
        for offset in spec.scheduled.offsets { intended.append(startWall + offset / 1000) }
        tail.schedule(intendedMicros: intended, originMicros: origin)

        let monoNow = MonotonicClock.nanoseconds()
        let wallNow = MonotonicClock.wallMicroseconds()
        let originNanos = monoNow + (origin - wallNow) * 1000
        let startNanos = monoNow + (startWall - wallNow) * 1000
        let sender = OpenLoopSender(url: target.url, keys: target.keys, connections: connections, sink: spec.sink)
        let preloaded = preloadSend?.sent ?? 0
        let monitor = try RunMonitor(url: target.url, keys: target.keys, originNanos: originNanos, label: spec.name, quiet: spec.quiet) {
            (preloaded + sender.sentSoFar.load(ordering: .relaxed), tail.observedSoFar.load(ordering: .relaxed), ids.count)
        }
        monitor.start()
        let killer = spec.killEverySeconds.flatMap { every in target.cluster.map { WorkerKiller(cluster: $0, everySeconds: every) } }
        let killsBefore = target.cluster?.kills ?? 0
        killer?.start(seed: spec.seed)
        let injector = spec.chaos.flatMap { plan in target.cluster.map { FaultInjector(cluster: $0, plan: plan) } }
        injector?.start(seed: spec.seed)

        var scheduledSend: SendMeasurements?
        if spec.scheduled.count > 0 {
            let watcher = spec.stopWhenDrained ? DrainWatcher(monitor: monitor, sender: sender) : nil
            watcher?.start()
            scheduledSend = sender.run(
                entries: scheduledEntries, offsets: spec.scheduled.offsets, startNanos: startNanos, flags: flags,
                flagOffset: spec.preload.count, seriesOriginNanos: originNanos
            )
            watcher?.stop()
        }
        let expected = (preloadSend?.accepted ?? 0) + (scheduledSend?.accepted ?? 0)
        let untilFired: () -> Bool = { !spec.untilEveryFaultFired || (injector?.everyKindFired ?? true) }
        var timedOut = spec.expectOutcomes ? waitForOutcomes(tail: tail, expected: expected, stallTimeout: spec.stallTimeout, alsoUntil: untilFired) : false
        let killFailure = killer?.stop() ?? injector?.stop()
        if injector != nil, spec.expectOutcomes, !timedOut {
            // Healing the last faults may hand back tickets that are still to be redelivered.
            timedOut = waitForOutcomes(tail: tail, expected: expected, stallTimeout: spec.stallTimeout, alsoUntil: { true })
        }
        var outstanding = QuiescenceWait.Outstanding()
        if injector != nil || killer != nil, spec.expectOutcomes {
            // Books are read once every redelivery has run and every worker has settled what it
            // committed before a fault: a worker killed after a commit settles those rows at its
            // next start, which may come after the last ticket was seen.
            outstanding = QuiescenceWait.wait(target: target, timeout: max(spec.stallTimeout, 120))
        }
        let latency = tail.stop(outages: RedisOutages(injector?.injected ?? []))
        let backlog = monitor.stop()
        let audit: OutcomeAudit
        do {
            audit = try OutcomeAudit(storePaths: target.storePaths, ids: ids, flags: flags)
        } catch {
            throw LoadError("cannot read the outcome stores: \(error)")
        }
        var lostStates: [String: Int] = [:]
        if !audit.lostIDs.isEmpty, let states = try? target.lanes().states(of: audit.lostIDs) {
            for state in states { lostStates[state.rawValue, default: 0] += 1 }
        }
        return PhaseResult(
            name: spec.name, preload: preloadSend, scheduled: scheduledSend, latency: latency, backlog: backlog, audit: audit,
            rejected: rejected, workersStartedMicros: workersStarted, originMicros: origin,
            endMicros: latency.lastOutcomeMicros ?? MonotonicClock.wallMicroseconds(),
            kills: (target.cluster?.kills ?? 0) - killsBefore, killFailure: killFailure, timedOut: timedOut,
            faults: injector?.injected ?? [], unconfirmed: outstanding.unconfirmed, outstanding: outstanding.queued + outstanding.inFlight,
            lostStates: lostStates
        )
    }

    /// Waits until `expected` outcomes were seen, or none came for `stallTimeout` seconds;
    /// returns whether it gave up.
    /// With `alsoUntil`, keeps waiting once every outcome is in until it holds (no stall then).
    private func waitForOutcomes(tail: OutcomeTail, expected: Int, stallTimeout: Double, alsoUntil: () -> Bool = { true }) -> Bool {
        var lastSeen = tail.observedSoFar.load(ordering: .relaxed)
        var lastChange = MonotonicClock.nanoseconds()
        while true {
            let seen = tail.observedSoFar.load(ordering: .relaxed)
            if seen >= expected {
                if alsoUntil() { return false }
                lastChange = MonotonicClock.nanoseconds()
                MonotonicClock.pause(nanoseconds: 10_000_000)
                continue
            }
            let now = MonotonicClock.nanoseconds()
            if seen != lastSeen {
                lastSeen = seen
                lastChange = now
            } else if Double(now - lastChange) / 1e9 > stallTimeout {
                return true
            }
            MonotonicClock.pause(nanoseconds: 2_000_000)
        }
    }

    /// Time to plan the scheduled tickets (measured on a sample) and a little more, in µs.
    private func planningMargin(_ tickets: ScheduledTickets) -> Int64 {
        var sample = tickets
        sample.keepFirst(2_000)
        let started = MonotonicClock.nanoseconds()
        _ = sample.entries(startMicros: MonotonicClock.wallMicroseconds(), builder: builder)
        let perTicket = Double(MonotonicClock.nanoseconds() - started) / Double(max(1, sample.count))
        return Int64(perTicket * Double(tickets.count) * 1.5 / 1000) + 300_000
    }
}
