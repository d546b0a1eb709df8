import Foundation
import Logging
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQStore

/// What the worker does when the outcome store stops committing (full disk, read-only file,
/// I/O error, corruption): it hands back the tickets it cannot commit, stops claiming, says so
/// on `/readyz` (and on `/healthz` after ``WorkerConfiguration/unhealthyAfter``), and probes the
/// store with real writes until one commits (``StoreProbe``).
extension WorkerContext {
    /// Records a failed commit: metric, health state and a log line naming the SQLite code.
    func noteStoreFailure(_ error: any Error, handingBack outcomes: Int) {
        let kind = StoreFailureKind(classifying: error)
        metrics.recordStoreCommitFailure(kind)
        metrics.setStoreHealthy(false)
        let first = storeHealth.recordFailure(kind, detail: String(describing: error))
        let metadata: Logger.Metadata = [
            "kind": "\(kind.sqliteName)", "error": "\(error)", "handed_back": "\(outcomes)", "db": "\(configuration.databasePath)",
        ]
        if first {
            logger.critical("outcome store commit failed (\(kind.sqliteName)): handing tickets back and pausing claims until the store commits again", metadata: metadata)
        } else if outcomes > 0 {
            logger.error("outcome store commit failed (\(kind.sqliteName)): tickets handed back", metadata: metadata)
        } else {
            logger.warning("outcome store still failing (\(kind.sqliteName))", metadata: metadata)
        }
    }

    /// Records a successful commit; logs the end of a failing spell.
    func noteStoreSuccess() {
        guard let ended = storeHealth.recordSuccess() else { return }
        metrics.setStoreHealthy(true)
        logger.notice("outcome store commits again: resuming claims", metadata: [
            "failed_commits": "\(ended.count)", "failing_seconds": "\((ContinuousClock.now - ended.since).components.seconds)",
        ])
    }

    /// Hands tickets whose outcomes could not be committed back to their lanes (a release: no
    /// delivery counted) and forgets them, so their leases are no longer renewed. Another worker
    /// redelivers them; should the failed commit have reached the disk after all, that row is
    /// superseded when this worker settles its previous life.
    func handBack(_ batch: [PendingOutcome]) async {
        let leases = batch.map(\.lease)
        guard !leases.isEmpty else { return }
        do {
            _ = try await uncancelled { store in try store.release(leases) }
            counters.record { $0.released += leases.count }
            metrics.recordReleased(leases.count)
        } catch {
            logger.error("could not hand tickets back; their leases will expire and redeliver", metadata: [
                "count": "\(leases.count)", "error": "\(error)",
            ])
        }
        tracker.remove(leases.map(\.id))
        publishInFlight()
    }

    /// Pauses the claimer while the store fails (until it commits again or the worker stops).
    func waitForStore() async {
        while !storeHealth.isHealthy && !isStopping && !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
        }
    }
}
