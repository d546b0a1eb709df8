import Foundation
import Logging
import Synchronization
import TicketQLanes
import TicketQMetrics
import TicketQStore

/// Bounded waits, so that a shutdown ends within the grace period and
/// ``WorkerConfiguration/shutdownSettleAllowance`` whatever the outcome store does (an fsync can
/// hang in the kernel; a store call cannot be cancelled).
extension WorkerRuntime {
    /// Runs `body` in a task of its own and waits for its result until `deadline` (if any) or
    /// until the waiting task is cancelled; an abandoned `body` keeps running.
    ///
    /// - Returns: `body`'s result, or `nil` when the wait was given up.
    func bounded<T: Sendable>(until deadline: ContinuousClock.Instant?, _ body: @escaping @Sendable () async -> T) async -> T? {
        let flag = CompletionFlag<T>()
        Task { flag.set(await body()) }
        while true {
            if let result = flag.result { return result }
            if Task.isCancelled { return nil }
            if let deadline, ContinuousClock.now >= deadline { return nil }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// ``bounded(until:_:)`` without a deadline: gives up only when the waiting task is cancelled.
    func boundedByCancellation<T: Sendable>(_ body: @escaping @Sendable () async -> T) async -> T? {
        await bounded(until: nil, body)
    }

    /// When a shutdown stops waiting for the commit pipeline: the end of the grace period (counted
    /// from the stop request) plus the settle allowance, and never before `now` plus that allowance.
    func settleDeadline(now: ContinuousClock.Instant = .now) -> ContinuousClock.Instant {
        let graceEnd = (stopRequestedAt.withLock { $0 } ?? now) + configuration.gracePeriod
        return max(graceEnd, now) + configuration.shutdownSettleAllowance
    }

    /// Waits until every outcome in the pipeline was committed and acknowledged (or handed back)
    /// and the ack confirmations were written, up to ``settleDeadline(now:)``.
    ///
    /// - Returns: whether everything settled in time.
    func settle(_ pipeline: Task<Void, Never>) async -> Bool {
        let settled = await bounded(until: settleDeadline()) {
            await pipeline.value
            await self.tracker.waitUntilEmpty()
            await self.awaitConfirmations()
            return true
        }
        return settled ?? false
    }

    /// Hands back every ticket still in hand (used when the pipeline did not settle in time).
    func handBackEverythingInHand() async {
        let leases = tracker.leases()
        guard !leases.isEmpty else { return }
        logger.error("outcomes not settled in time after the grace period: handing back every ticket still in hand", metadata: [
            "in_hand": "\(leases.count)",
        ])
        for start in stride(from: 0, to: leases.count, by: 1000) {
            let chunk = Array(leases[start..<min(start + 1000, leases.count)])
            do {
                _ = try await uncancelled { store in try store.release(chunk) }
                counters.record { $0.released += chunk.count }
                metrics.recordReleased(chunk.count)
            } catch {
                logger.error("could not hand tickets back; their leases will expire and redeliver", metadata: ["error": "\(error)"])
            }
            tracker.remove(chunk.map(\.id))
        }
        publishInFlight()
    }

    /// Why the stop must be reported as a failure (exit status 1), or `nil` for a clean stop.
    func stopFailure(settled: Bool) -> WorkerError? {
        if let reason = storeHealth.readinessIssue() {
            return .stoppedUnsettled("\(reason); the tickets whose outcomes it could not commit were handed back to their lanes")
        }
        if !settled {
            return .stoppedUnsettled(
                "outcomes were not committed and acknowledged within \(configuration.shutdownSettleAllowance) after the grace period "
                    + "(a stuck outcome store or an unreachable Redis); the tickets still in hand were handed back, and outcomes "
                    + "committed but not acknowledged are settled when a worker with this id starts again"
            )
        }
        return nil
    }
}
