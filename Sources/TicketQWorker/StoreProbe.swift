import Foundation
import Logging
import TicketQMetrics
import ServiceLifecycle
import TicketQRedis
import TicketQStore

/// While the outcome store fails to commit, probes it with real writes, with a backoff, until one
/// commits; the claimers resume then (see `WorkerContext+StoreHealth.swift`).
struct StoreProbe: Service {
    let context: WorkerContext

    /// Free space a store that failed with `SQLITE_FULL` must show again before a probe counts:
    /// the write-ahead log reuses its space, so a small probe can commit on a full disk.
    static let freeSpaceToResume: UInt64 = 1 << 20

    func run() async {
        await cancelWhenGracefulShutdown { await probeWhileFailing() }
        await untilGracefulShutdown()
    }

    private func probeWhileFailing() async {
        let (health, cap) = (context.storeHealth, context.configuration.storeProbeCap)
        var attempt = 0
        while !Task.isCancelled {
            guard !health.isHealthy else {
                attempt = 0
                try? await Task.sleep(for: .milliseconds(200))
                continue
            }
            attempt += 1
            try? await Task.sleep(for: Backoff(base: .milliseconds(500), cap: cap).ceiling(forAttempt: attempt))
            if Task.isCancelled || health.isHealthy { continue }
            await probe()
        }
    }

    /// One probe: enough free space after `SQLITE_FULL`, then a committed write.
    private func probe() async {
        let path = context.configuration.databasePath
        if context.storeHealth.failure?.kind == .full,
           let free = OutcomeStore.availableBytes(forFileAt: path), free < Self.freeSpaceToResume {
            context.logger.debug("outcome store's file system still full", metadata: ["available_bytes": "\(free)"])
            return
        }
        let (writer, health) = (context.writer, context.storeHealth)
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
        case .some(.none): context.noteStoreSuccess()
        case .some(.some(let error)): context.noteStoreFailure(error, handingBack: 0)
        }
    }
}
