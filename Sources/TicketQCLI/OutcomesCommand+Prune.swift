import ArgumentParser
import Foundation
import TicketQStore

extension OutcomesCommand {
    /// `ticketq outcomes prune --older-than AGE [--export FILE]`: bounded retention of the store.
    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prune",
            abstract: "Delete settled outcomes older than an age, optionally exporting them first, and give the space back.",
            discussion: """
                Settled outcomes (acknowledged in Redis, or superseded) completed more than AGE ago are deleted \
                in short transactions of --batch rows, so workers writing to the same store keep going. Outcomes \
                whose ack is still pending are kept. With --export, each batch is appended to FILE as JSON Lines \
                (the columns of `ticketq outcomes --format jsonl`) and flushed to disk before it is deleted. \
                Freed pages go back to the file system step by step in stores created by this release; older \
                stores reuse them, and --vacuum rewrites such a store once (writers wait meanwhile) so that \
                later prunes shrink it too. Run it from a timer, e.g. daily: \
                `ticketq outcomes prune --db /var/lib/ticketq/worker-1/outcomes.db --older-than 90d`.
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(name: .customLong("older-than"), help: ArgumentHelp("Age of the outcomes to delete, e.g. 90d or 12h.", valueName: "age"))
        var olderThan: String

        @Option(help: ArgumentHelp("Append the deleted outcomes to this JSON Lines file first.", valueName: "file"))
        var export: String?

        @Option(help: "Rows per transaction (1–100000).")
        var batch = 1000

        @Flag(help: "Rewrite a store created before incremental vacuuming once, so the file shrinks (writers wait meanwhile).")
        var vacuum = false

        func validate() throws {
            do { _ = try RetentionAge(olderThan) } catch { throw ValidationError("--older-than: \(error)") }
            guard (1...100_000).contains(batch) else { throw ValidationError("--batch must be between 1 and 100000, got \(batch)") }
        }

        func run() throws {
            let age = try RetentionAge(olderThan)
            let path = store.resolvedPath
            let outcomes: OutcomeStore
            do {
                guard FileManager.default.fileExists(atPath: path) else { throw StoreError.databaseNotFound(path: path) }
                outcomes = try OutcomeStore(path: path)
            } catch {
                Diagnostics.error("cannot open outcome store \(path): \(error)")
                throw ExitStatus.failure
            }
            let exporter: OutcomeExportFile?
            do {
                exporter = try export.map { try OutcomeExportFile(path: $0) }
            } catch {
                Diagnostics.error("--export: \(error)")
                throw ExitStatus.failure
            }
            let cutoff = Int64(Date().timeIntervalSince1970 * 1000) - age.milliseconds
            do {
                let result = try outcomes.prune(completedBefore: cutoff, batchSize: batch, export: exporter.map { file in { try file.append($0) } })
                if vacuum, try !outcomes.vacuumsIncrementally { try outcomes.vacuumFully() }
                let incremental = try outcomes.vacuumsIncrementally
                if incremental { try outcomes.releaseFreePages() }
                print("deleted \(result.deleted) settled outcome\(result.deleted == 1 ? "" : "s") completed before \(UTCTimestamp.format(milliseconds: cutoff))"
                    + (exporter != nil ? ", exported to \(export ?? "")" : "")
                    + (result.keptUnconfirmed > 0 ? "; kept \(result.keptUnconfirmed) whose ack is pending" : ""))
                if !incremental {
                    print("this store was created before incremental vacuuming: SQLite reuses the freed space; run once with --vacuum to shrink the file")
                }
            } catch {
                Diagnostics.error("prune of \(path) stopped: \(error)")
                throw ExitStatus.failure
            }
        }
    }
}
