import ArgumentParser
import Foundation
import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQLanes
import TicketQMail
import TicketQRedis
import TicketQTriage

extension QuarantineCommand {
    /// `ticketq quarantine retry ID…|--all`.
    struct Retry: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retry",
            abstract: "Run quarantined messages through intake again (with today's policies); those that become tickets leave the quarantine.",
            discussion: "Exit status 0 when every message was submitted, 2 when some stay quarantined, 1 when Redis failed."
        )

        @OptionGroup var redis: RedisOptions
        @OptionGroup var policies: PolicyOptions

        @Argument(help: "Quarantine ids.")
        var ids: [String] = []

        @Flag(help: "Retry every quarantined message.")
        var all = false

        func validate() throws {
            guard all != !ids.isEmpty else { throw ValidationError("give quarantine ids or --all (not both)") }
        }

        func run() throws {
            let catalog = try policies.loadCatalog()
            let lanes = try redis.openLaneStore(clientName: "ticketq-quarantine")
            let url = try redis.resolvedURL()
            let triager: TicketTriager
            do {
                triager = TicketTriager(model: try ModelLocator.load(explicitPath: nil).model)
            } catch {
                Diagnostics.error("cannot load the triage model: \(error)")
                throw ExitStatus.failure
            }
            let targets: [String]
            do {
                targets = all ? try lanes.quarantined().keys.sorted() : ids
            } catch {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
            var stillQuarantined = 0
            for id in targets {
                let outcome: String?
                do {
                    outcome = try retry(id, lanes: lanes, catalog: catalog, url: url, triager: triager)
                } catch {
                    Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                    throw ExitStatus.failure
                }
                if let outcome {
                    Diagnostics.error("\(id): still quarantined: \(outcome)")
                    stillQuarantined += 1
                }
            }
            if stillQuarantined > 0 { throw ExitStatus.rejectedInput }
        }

        /// Retries one message; returns why it stays quarantined, or nil when it was submitted.
        private func retry(_ id: String, lanes: LaneStore, catalog: PolicyCatalog, url: RedisURL, triager: TicketTriager) throws(LanesError) -> String? {
            guard let raw = try lanes.quarantinedMessage(id: id) else { return "no such quarantined message" }
            let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
            let ticket: Ticket
            let defects: [String]
            do {
                let built = try EmailTicketBuilder(catalog: catalog).ticket(from: raw, now: now)
                ticket = built.ticket
                defects = built.email.defects.map(\.rawValue)
            } catch {
                return error.reason
            }
            let keys = lanes.keys
            let submitter = TicketSubmitter(
                catalog: catalog, highVolume: try TicketSubmitter.highVolumeSchedule(from: lanes), batchSize: 1, triager: triager
            ) {
                LaneStore(connection: try RedisConnection(url: url, options: RedisConnectionOptions(clientName: "ticketq-quarantine")), keys: keys)
            }
            submitter.add(ticket, number: 1, now: now, mimeDefects: defects)
            submitter.finish()
            let report = submitter.report
            guard report.accepted + report.duplicates == 1 else {
                return report.rejected.first?.description ?? report.refusal ?? "not accepted"
            }
            try lanes.releaseFromQuarantine(id: id)
            print("\(id): submitted as ticket \(ticket.id)\(report.duplicates == 1 ? " (already known)" : "")")
            return nil
        }
    }
}
