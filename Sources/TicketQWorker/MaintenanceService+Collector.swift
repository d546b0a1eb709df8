import Logging
import ServiceLifecycle
import Synchronization
import TicketQCore
import TicketQLanes
import TicketQMetrics

/// The collector role: one live worker at a time exports the lane and cluster gauges, so that
/// summing over workers never double-counts a lane's depth.
extension MaintenanceService {
    /// Renews or takes the collector role, then exports (or withdraws) the cluster gauges and
    /// refreshes the brands' high-volume switches.
    func collect() async throws {
        let (instance, ttl, logger, metrics) = (context.instance, context.configuration.livenessTTL, context.logger, context.metrics)
        let leading = try await context.lanes { store in try store.leadCollector(instance: instance, ttl: ttl) }
        let wasLeading = context.isCollector.exchange(leading, ordering: .relaxed)
        if leading != wasLeading {
            logger.info(leading ? "this worker is now the metrics collector" : "this worker is no longer the metrics collector")
        }
        let histories = try await context.lanes { store in try store.highVolumeHistories() }
        let now = DeliveryProcessor.nowMillis
        var unreadable: [String: String] = [:]
        for (brand, history) in histories {
            switch history {
            case let .success(history):
                let current = history.changes.filter { $0.atMillis <= now }.max { $0.atMillis < $1.atMillis }
                metrics.setHighVolume(brand: brand, on: current?.on ?? false)
            case let .failure(error):
                unreadable[brand] = error.description
            }
        }
        noteUnreadableHistories(unreadable)
        guard leading else {
            if wasLeading { metrics.publishCluster(nil) }
            return
        }
        // The collector enforces retention: one worker at a time, each eviction one atomic step.
        let evicted = try await context.lanes { store in try store.enforceRetention() }
        for eviction in evicted {
            logger.notice("retention: \(eviction)", metadata: ["id": "\(eviction.id)", "kind": "\(eviction.kind.rawValue)", "reason": "\(eviction.reason.rawValue)"])
        }
        let (snapshot, registry, evictions) = try await context.lanes { store in
            (try store.snapshot(), try store.liveWorkers(), try store.evictionCounts())
        }
        var figures = Self.clusterFigures(snapshot, liveWorkers: registry.live.count)
        for (kind, reasons) in evictions {
            for (reason, count) in reasons { figures.evictions[kind.rawValue, default: [:]][reason.rawValue] = count }
        }
        metrics.publishCluster(figures)
    }

    static func clusterFigures(_ snapshot: LaneSnapshot, liveWorkers: Int) -> ClusterFigures {
        var lanes: [Lane: ClusterFigures.LaneFigures] = [:]
        for lane in Lane.allCases {
            let figures = snapshot.lanes[lane]
            let oldest = figures?.oldestEnqueuedMillis.map { Double(max(0, snapshot.serverTimeMillis - $0)) / 1000 } ?? 0
            let headroom = figures?.earliestDueMillis.map { Double($0 - snapshot.serverTimeMillis) / 1000 }
            lanes[lane] = .init(
                depth: figures?.depth ?? 0, retrying: figures?.retrying ?? 0, oldestAgeSeconds: oldest,
                earliestDueHeadroomSeconds: (figures?.depth ?? 0) > 0 ? headroom : nil
            )
        }
        return ClusterFigures(lanes: lanes, inFlight: snapshot.inFlight, deadLetters: snapshot.deadLetters, workersLive: liveWorkers)
    }

    /// Says once when a brand's high-volume history becomes unreadable (intake refuses its
    /// tickets until it is repaired), and once when it reads again.
    private func noteUnreadableHistories(_ unreadable: [String: String]) {
        let (appeared, repaired) = context.unreadableHistories.withLock { known in
            defer { known = Set(unreadable.keys) }
            return (unreadable.filter { !known.contains($0.key) }, known.subtracting(unreadable.keys))
        }
        for (brand, problem) in appeared.sorted(by: { $0.key < $1.key }) {
            context.logger.error("a high-volume history cannot be read; intake refuses the brand's tickets", metadata: [
                "brand": "\(brand)", "problem": "\(problem)",
            ])
        }
        for brand in repaired.sorted() {
            context.logger.notice("the high-volume history reads again", metadata: ["brand": "\(brand)"])
        }
    }
}
