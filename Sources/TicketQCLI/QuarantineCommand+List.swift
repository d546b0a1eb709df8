import ArgumentParser
import Foundation
import TicketQConfig
import TicketQCore
import TicketQLanes
import TicketQRedis

extension QuarantineCommand {
    /// `ticketq quarantine list`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List quarantined messages: id, when, size, source and reason.",
            discussion: "With --json, one object per line: {\"id\", \"info\"}."
        )

        @OptionGroup var redis: RedisOptions

        @Flag(help: "Print JSON Lines instead of a table.")
        var json = false

        func run() throws {
            let lanes = try redis.openLaneStore(clientName: "ticketq-quarantine")
            let entries: [String: String]
            do {
                entries = try lanes.quarantined()
            } catch {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
            let rows = entries.map { id, json -> (id: String, info: String, record: Result<QuarantineInfo, StoredRecordError>) in
                (id, json, Result { () throws(StoredRecordError) in try QuarantineInfo(json: json) })
            }.sorted { (($0.record.success?.quarantinedAt) ?? "", $0.id) < (($1.record.success?.quarantinedAt) ?? "", $1.id) }
            if json {
                for row in rows { print("{\"id\":\(JSONObjectWriter.quote(row.id)),\"info\":\(row.info)}") }
                return
            }
            guard !rows.isEmpty else { print("quarantine: empty"); return }
            print(TextTable.render(
                header: ["id", "quarantined (UTC)", "bytes", "source", "reason"],
                rows: rows.map { row in
                    switch row.record {
                    case let .success(info):
                        return [row.id, info.quarantinedAt ?? "-", info.bytes.map(String.init) ?? "-",
                                TerminalText.sanitized(info.source ?? "-"), TerminalText.sanitized(String(info.reason.prefix(100)))]
                    case let .failure(error):
                        return [row.id, "-", "-", "-", TerminalText.sanitized("unreadable: \(error.problem)")]
                    }
                }
            ))
        }
    }
}
