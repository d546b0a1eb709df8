import Prometheus
import Synchronization
import TicketQCore

/// The lane and cluster gauges only the collector exports. They are registered when this
/// process becomes the collector and unregistered when it stops being one, so that exactly one
/// process exports each series.
final class ClusterGauges: Sendable {
    private struct Registered {
        var depth: [Lane: Gauge] = [:]
        var retrying: [Lane: Gauge] = [:]
        var oldestAge: [Lane: Gauge] = [:]
        var headroom: [Lane: Gauge] = [:]
        var inFlight: Gauge?
        var deadLetters: Gauge?
        var workersLive: Gauge?
        var evictions: [String: Gauge] = [:]
    }

    private let registry: PrometheusCollectorRegistry
    private let state = Mutex(Registered())

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Exports `figures`; `nil` withdraws every series.
    func publish(_ figures: ClusterFigures?) {
        state.withLock { state in
            guard let figures else {
                withdrawAll(&state)
                return
            }
            for lane in Lane.allCases {
                let laneFigures = figures.lanes[lane] ?? .init(depth: 0, retrying: 0, oldestAgeSeconds: 0, earliestDueHeadroomSeconds: nil)
                gauge(&state.depth, lane, "lane_depth", "Tickets waiting in the lane, including those waiting out a retry backoff.")
                    .set(Double(laneFigures.depth))
                gauge(&state.retrying, lane, "lane_retrying", "Tickets in the lane waiting out a retry backoff.")
                    .set(Double(laneFigures.retrying))
                gauge(&state.oldestAge, lane, "lane_oldest_age", unit: "seconds", "Seconds since the oldest waiting ticket of the lane was enqueued (0 when empty).")
                    .set(laneFigures.oldestAgeSeconds)
                if let headroom = laneFigures.earliestDueHeadroomSeconds {
                    gauge(&state.headroom, lane, "lane_earliest_due_headroom", unit: "seconds", "Seconds until the earliest response due time in the lane; negative when overdue, absent when the lane is empty.")
                        .set(headroom)
                } else if let existing = state.headroom.removeValue(forKey: lane) {
                    registry.unregisterGauge(existing)
                }
            }
            single(&state.inFlight, "in_flight_cluster", "Tickets claimed and not yet settled, across the cluster.").set(Double(figures.inFlight))
            single(&state.deadLetters, "dead_letter_depth", "Tickets in the dead-letter set.").set(Double(figures.deadLetters))
            single(&state.workersLive, "workers_live", "Workers whose liveness key is present.").set(Double(figures.workersLive))
            for kind in ["dead_letter", "quarantine"] {
                for reason in ["age", "bytes"] {
                    let key = "\(kind):\(reason)"
                    let gauge = state.evictions[key] ?? registry.makeGauge(
                        descriptor: MetricName.descriptor(
                            "retention_evictions",
                            help: "Dead letters and quarantined messages evicted by retention so far, cluster-wide (ticketq deployment retention)."
                        ),
                        labels: [("kind", kind), ("reason", reason)]
                    )
                    state.evictions[key] = gauge
                    gauge.set(Double(figures.evictions[kind]?[reason] ?? 0))
                }
            }
        }
    }

    private func gauge(_ table: inout [Lane: Gauge], _ lane: Lane, _ name: String, unit: String = "", _ help: String) -> Gauge {
        if let existing = table[lane] { return existing }
        let made = registry.makeGauge(descriptor: MetricName.descriptor(name, unit: unit, help: help), labels: [("lane", lane.rawValue)])
        table[lane] = made
        return made
    }

    private func single(_ slot: inout Gauge?, _ name: String, _ help: String) -> Gauge {
        if let slot { return slot }
        let made = registry.makeGauge(descriptor: MetricName.descriptor(name, help: help))
        slot = made
        return made
    }

    private func withdrawAll(_ state: inout Registered) {
        for gauge in [state.depth, state.retrying, state.oldestAge, state.headroom].flatMap(\.values) {
            registry.unregisterGauge(gauge)
        }
        for gauge in [state.inFlight, state.deadLetters, state.workersLive].compactMap({ $0 }) + Array(state.evictions.values) {
            registry.unregisterGauge(gauge)
        }
        state = Registered()
    }
}
