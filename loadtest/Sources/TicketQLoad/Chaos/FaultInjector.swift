import Foundation
import Synchronization
import TicketQCore
import TicketQFaults
import TicketQLocal

/// Injects the faults of a ``ChaosPlan`` into a local cluster on a thread of its own: each kind
/// every so often, on a random worker where it applies, healing timed faults (pauses,
/// partitions, stalls) when their random duration is up. At most one fault of a kind is active
/// at a time; a kind whose previous fault is still active waits for it to heal.
public final class FaultInjector: @unchecked Sendable {
    private struct Active {
        var kind: FaultKind
        var fault: any Fault
        var healAtNanos: Int64
    }

    private let cluster: LocalCluster
    private let plan: ChaosPlan
    private let events = Mutex<[FaultEvent]>([])
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    private let failure = Mutex<String?>(nil)

    /// Creates an injector; it starts with ``start(seed:)``.
    public init(cluster: LocalCluster, plan: ChaosPlan) {
        self.cluster = cluster
        self.plan = plan
    }

    /// The faults injected so far.
    public var injected: [FaultEvent] { events.withLock { $0 } }

    /// Whether every kind of the plan has fired at least once.
    public var everyKindFired: Bool {
        let fired = Set(events.withLock { $0.map(\.kind) })
        return plan.kinds.allSatisfy(fired.contains)
    }

    /// Starts injecting.
    public func start(seed: UInt64) {
        let thread = Thread { [self] in
            var random = SplitMix64(seed: seed ^ 0xC4A0_5EED)
            let began = MonotonicClock.nanoseconds()
            var due: [FaultKind: Int64] = [:]
            for kind in plan.kinds { due[kind] = began + Self.nanos(plan.intervals[kind]!) }
            var active: [Active] = []
            while !stopRequested.load(ordering: .relaxed) {
                let now = MonotonicClock.nanoseconds()
                active.removeAll { item in
                    guard item.healAtNanos <= now else { return false }
                    heal(item)
                    return true
                }
                for kind in plan.kinds where due[kind]! <= now && !active.contains(where: { $0.kind == kind }) {
                    if let started = inject(kind, random: &random) { active.append(started) }
                    due[kind] = max(due[kind]! + Self.nanos(plan.intervals[kind]!), MonotonicClock.nanoseconds())
                }
                MonotonicClock.pause(nanoseconds: 10_000_000)
            }
            for item in active { heal(item) }
            finished.signal()
        }
        thread.name = "ticketq-load-chaos"
        thread.start()
    }

    /// Stops injecting, heals what is still active and returns the first failure (a worker or
    /// redis-server that did not come back), if any.
    public func stop() -> String? {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
        return failure.withLock { $0 }
    }

    /// Starts one fault; returns it when it must be healed later.
    private func inject(_ kind: FaultKind, random: inout SplitMix64) -> Active? {
        let workers = cluster.storePaths.count
        let slot = Int(random.next() % UInt64(max(1, workers)))
        let started = MonotonicClock.wallMicroseconds()
        let startNanos = MonotonicClock.nanoseconds()
        switch kind {
        case .killWorker:
            do { try cluster.killAndRestart(slot: slot) } catch { record(failure: "\(error)") }
            record(FaultEvent(kind: kind, startMicros: started, durationSeconds: 0, target: "worker-\(slot + 1)"))
            return nil
        case .dropReplies:
            // A loss still waiting for its command (a worker down or idle) is not stacked with
            // another: a worker starting again would lose every reply of its start-up in a row.
            let ready = cluster.proxies.indices.filter { !cluster.proxies[$0].isDropPending }
            guard !ready.isEmpty else { return nil }
            let chosen = ready[Int(random.next() % UInt64(ready.count))]
            let cut = random.next() % 2 == 0
            cluster.proxies[chosen].dropNextReply(toCommandContaining: ["FCALL"], thenCut: cut)
            record(FaultEvent(kind: kind, startMicros: started, durationSeconds: 0, target: "worker-\(chosen + 1)"))
            return nil
        case .killRedis:
            cluster.redis.kill()
            do {
                try cluster.redis.restart()
                try cluster.waitUntilRedisServes()
            } catch {
                record(failure: "redis-server did not come back: \(error)")
            }
            let down = Double(MonotonicClock.nanoseconds() - startNanos) / 1e9
            record(FaultEvent(kind: kind, startMicros: started, durationSeconds: down, target: "redis"))
            return nil
        case .stopWorker, .partitionWorker, .stallRedis:
            let fault: any Fault
            let target: String
            let longest: Double
            switch kind {
            case .stopWorker:
                fault = ProcessSignalPause(pid: cluster.workerProcessIdentifier(slot: slot))
                (target, longest) = ("worker-\(slot + 1)", 2 * plan.leaseSeconds)
            case .partitionWorker:
                fault = Partition(cluster.proxies[slot])
                (target, longest) = ("worker-\(slot + 1)", 2 * plan.leaseSeconds)
            default:
                fault = ProcessSignalPause(pid: cluster.redis.processIdentifier)
                (target, longest) = ("redis", plan.leaseSeconds)
            }
            let seconds = max(0.2, random.unitInterval() * longest)
            fault.start()
            record(FaultEvent(kind: kind, startMicros: started, durationSeconds: seconds, target: target))
            return Active(kind: kind, fault: fault, healAtNanos: startNanos + Self.nanos(seconds))
        }
    }

    private func heal(_ item: Active) {
        item.fault.heal()
    }

    private func record(_ event: FaultEvent) {
        events.withLock { $0.append(event) }
    }

    private func record(failure message: String) {
        failure.withLock { $0 = $0 ?? message }
    }

    private static func nanos(_ seconds: Double) -> Int64 { Int64(seconds * 1e9) }
}
