import ArgumentParser
import Foundation
import TicketQLanes
import TicketQRedis
import TicketQStore

extension DeploymentCommand {
    /// `ticketq deployment recover --yes [--store PATH…]`: lets a deployment go on after Redis lost its data.
    struct Recover: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recover",
            abstract: "Go on after Redis lost its data: write a new marker and rebuild what can be rebuilt.",
            discussion: """
                First try to get the data back: restore Redis's append-only file or snapshot (or fix what \
                kept it from loading) and restart Redis; when the marker is back, workers and intake resume \
                by themselves and nothing is lost. Recover only when the data is gone for good.

                recover writes a new marker (origin "recovered") and moves the fencing counter past every \
                token issued before, so no stale lease can match a new one. Tickets that were queued, in \
                flight or dead-lettered are gone from Redis: resubmit them from their source (mailboxes, \
                files). With --store, the dedupe window is rebuilt from those outcome stores, so resubmitted \
                tickets that were already handled are answered as duplicates, not handled twice. Workers \
                confirm the outcomes they had committed for lost tickets, then resume. Requires --yes.
                """
        )

        @Flag(help: "Confirm: the lost tickets will not come back by themselves.")
        var yes = false

        @Option(name: .customLong("store"), help: ArgumentHelp("An outcome store whose tickets go back into the dedupe window (repeatable).", valueName: "path"))
        var stores: [String] = []

        @Option(help: ArgumentHelp(
            "The deployment's partition count, when Redis lost its root marker too (default: the stored count, else 1).",
            valueName: "N"
        ))
        var partitions: Int?

        @OptionGroup var redis: RedisOptions

        func validate() throws {
            if let partitions, !LanePartitioning.allowedCounts.contains(partitions) {
                throw ValidationError(
                    "--partitions must be between \(LanePartitioning.allowedCounts.lowerBound) and \(LanePartitioning.allowedCounts.upperBound)"
                )
            }
        }

        func run() throws {
            guard yes else {
                Diagnostics.error("recover writes a new deployment marker after a data loss; read `ticketq deployment recover --help`, then run it with --yes")
                throw ExitStatus.usage
            }
            let handled = try readHandledTickets()
            let lanes = try redis.openLaneStore(clientName: "ticketq-deployment")
            let target = "Redis \(lanes.connection.url.redacted), namespace \(lanes.keys.namespace)"
            do {
                switch try lanes.createDeployment(origin: .recovered, release: TicketQVersion.current, partitions: partitions) {
                case let .created(record):
                    print("recovered: \(DeploymentText.describe(record)) in \(target)")
                case let .markerPresent(record):
                    print("nothing to recover: the marker is present (\(DeploymentText.describe(record))) in \(target)")
                    return
                case .refusedExistingData, .refusedNoData:
                    Diagnostics.error("unexpected answer from \(target) while writing the marker")
                    throw ExitStatus.failure
                }
                if !stores.isEmpty {
                    let added = try lanes.restoreDedupe(handled)
                    print("dedupe window: \(added) ticket ids restored from \(stores.count) outcome store\(stores.count == 1 ? "" : "s")")
                }
            } catch let error as LanesError {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
            print("next: resubmit what was received since Redis's last good state from its source; workers resume by themselves")
        }

        /// Ticket ids with outcomes in the stores, enqueued within the dedupe window.
        private func readHandledTickets() throws -> [(id: String, atMillis: Int64)] {
            let window = LaneConfiguration().dedupeWindow
            let since = Int64(Date().timeIntervalSince1970 * 1000) - Int64(window.components.seconds * 1000)
            var handled: [(id: String, atMillis: Int64)] = []
            for path in stores {
                do {
                    let store = try OutcomeStore(path: path, mode: .readOnly)
                    try store.forEach(matching: OutcomeQuery(since: since)) { record in
                        handled.append((record.ticketID, max(record.enqueuedAt, since)))
                    }
                } catch {
                    Diagnostics.error("--store \(path): \(error)")
                    throw ExitStatus.failure
                }
            }
            return handled
        }
    }
}
