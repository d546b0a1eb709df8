import Logging
import Synchronization
import TicketQMetrics
import ServiceLifecycle
import TicketQLanes

/// Keeps the leases of the tickets in hand: renews them every
/// ``WorkerConfiguration/leaseRenewInterval`` until the pipeline has settled every outcome. Shut
/// down after the stages; when the shutdown ran out of time (a stuck store, an unreachable Redis),
/// it hands back whatever is still in hand, so that another worker can take it at once.
struct LeaseKeeper: Service {
    let context: WorkerContext

    func run() async {
        await cancelWhenGracefulShutdown { [self] in
            await periodically(every: context.configuration.leaseRenewInterval) { await renew() }
        }
        await untilGracefulShutdown()
        let tracker = context.tracker
        if tracker.count > 0, await boundedByCancellation({ await tracker.waitUntilEmpty() }) == nil {
            context.unsettled.store(true, ordering: .releasing)
            await handBackEverythingInHand()
        }
    }

    private func renew() async {
        let leases = context.tracker.leases()
        guard !leases.isEmpty else { return }
        do {
            var lost = 0
            for start in stride(from: 0, to: leases.count, by: 1000) {
                let chunk = Array(leases[start..<min(start + 1000, leases.count)])
                let flags = try await context.lanes { store in try store.renew(chunk) }
                lost += flags.filter { !$0 }.count
            }
            if lost > 0 { context.logger.warning("leases lost; those tickets will be redelivered elsewhere", metadata: ["count": "\(lost)"]) }
        } catch {
            context.logger.error("lease renewal failed", metadata: ["error": "\(error)"])
        }
    }

    /// Hands back every ticket still in hand (the shutdown did not settle them in time).
    private func handBackEverythingInHand() async {
        let leases = context.tracker.leases()
        guard !leases.isEmpty else { return }
        context.logger.error("outcomes not settled in time after the grace period: handing back every ticket still in hand", metadata: [
            "in_hand": "\(leases.count)",
        ])
        for start in stride(from: 0, to: leases.count, by: 1000) {
            let chunk = Array(leases[start..<min(start + 1000, leases.count)])
            do {
                _ = try await context.uncancelled { store in try store.release(chunk) }
                context.counters.record { $0.released += chunk.count }
                context.metrics.recordReleased(chunk.count)
            } catch {
                context.logger.error("could not hand tickets back; their leases will expire and redeliver", metadata: ["error": "\(error)"])
            }
            context.tracker.remove(chunk.map(\.id))
        }
        context.publishInFlight()
    }
}
