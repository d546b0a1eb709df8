import Logging
import TicketQMetrics
import ServiceLifecycle
import TicketQLanes

/// The worker's share of the cluster's upkeep, every ``WorkerConfiguration/maintenanceInterval``:
/// it checks the deployment marker, writes the heartbeat and registry entry, returns expired
/// leases and dead workers' tickets (the reaper), promotes lower-tier tickets whose time has
/// come, and takes its turn as the collector (`MaintenanceService+Collector.swift`). Shut down
/// last: the worker leaves the registry when everything else has stopped.
struct MaintenanceService: Service {
    let context: WorkerContext

    func run() async {
        await cancelWhenGracefulShutdown { [self] in
            await periodically(every: context.configuration.maintenanceInterval) { await maintain() }
        }
        await untilGracefulShutdown()
        do {
            let (workerID, instance) = (context.configuration.workerID, context.instance)
            try await context.uncancelled { store in
                try store.resignCollector(instance: instance)
                try store.deregister(worker: workerID, instance: instance)
            }
        } catch {
            context.logger.warning("could not leave the worker registry", metadata: ["error": "\(error)"])
        }
    }

    private func maintain() async {
        do {
            // Nothing is written to a Redis that lost the deployment, not even the heartbeat.
            let present = try await context.lanes { store in try store.isDeployed() }
            context.noteDeployment(present: present)
            guard present else { return }
            let record = context.registryRecord()
            let (workerID, instance, ttl) = (context.configuration.workerID, context.instance, context.configuration.livenessTTL)
            let alive = try await context.lanes { store in
                try store.heartbeat(worker: workerID, instance: instance, recordJSON: record, ttl: ttl)
            }
            if !alive {
                context.logger.critical("this worker was presumed dead and its id taken over; stopping")
                context.requestStop()
            }
            let reaped = try await context.lanes { store in try store.reap() }
            context.metrics.recordLeasesReaped(reaped.expiredLeases + reaped.orphaned)
            if reaped.expiredLeases + reaped.orphaned > 0 || !reaped.deadWorkers.isEmpty {
                context.logger.notice("reaper returned tickets to their lanes", metadata: [
                    "expired_leases": "\(reaped.expiredLeases)", "orphaned": "\(reaped.orphaned)", "dead_workers": "\(reaped.deadWorkers)",
                ])
            }
            _ = try await context.lanes { store in try store.promote() }
            try await collect()
        } catch is CancellationError {
            return
        } catch {
            if Task.isCancelled { return }
            context.logger.error("maintenance failed", metadata: ["error": "\(error)"])
        }
    }
}
