import Foundation
import Logging
import TicketQLanes
import TicketQMetrics
import TicketQRedis
import TicketQStore

/// What the worker does when the outcome store stops committing (full disk, read-only file,
/// I/O error, corruption): it hands back the tickets it cannot commit, stops claiming, says so
/// on `/readyz` (and on `/healthz` after ``WorkerConfiguration/unhealthyAfter``), and probes the
/// store with real writes until one commits.
extension WorkerRuntime {
    /// Free space a store that failed with `SQLITE_FULL` must show again before a probe counts:
    /// the write-ahead log reuses its space, so a small probe can commit on a full disk.
    static let freeSpaceToResume: UInt64 = 1 << 20

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

    /// While the store fails, probes it with real writes, with a backoff, until one commits.
    func storeProbeLoop() async {
        var attempt = 0
        while !Task.isCancelled {
            guard !storeHealth.isHealthy else {
                attempt = 0
                try? await Task.sleep(for: .milliseconds(200))
                continue
            }
            attempt += 1
            try? await Task.sleep(for: Backoff(base: .milliseconds(500), cap: configuration.storeProbeCap).ceiling(forAttempt: attempt))
            if Task.isCancelled || storeHealth.isHealthy { continue }
            await probeStore()
        }
    }

    /// One probe: enough free space after `SQLITE_FULL`, then a committed write.
    func probeStore() async {
        if storeHealth.failure?.kind == .full,
           let free = OutcomeStore.availableBytes(forFileAt: configuration.databasePath), free < Self.freeSpaceToResume {
            logger.debug("outcome store's file system still full", metadata: ["available_bytes": "\(free)"])
            return
        }
        let (writer, health) = (self.writer, storeHealth)
        let result = await boundedByCancellation { () async -> (any Error)? in
            let token = health.commitStarted()
            defer { health.commitEnded(token) }
            do {
                try await writer.probeWrite()
                return nil
            } catch {
                return error
            }
        }
        switch result {
        case .none: return
        case .some(.none): noteStoreSuccess()
        case .some(.some(let error)): noteStoreFailure(error, handingBack: 0)
        }
    }
}
