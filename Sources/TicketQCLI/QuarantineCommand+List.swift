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
            let rows = entries.map { id, info -> (id: String, info: String, fields: [String: String]) in
                var fields: [String: String] = [:]
                if let node = try? ConfigNode.parseJSON(Data(info.utf8)), case let .object(pairs) = node {
                    for pair in pairs {
                        switch pair.value {
                        case let .string(text, _): fields[pair.key] = text
                        case let .integer(value): fields[pair.key] = String(value)
                        default: break
                        }
                    }
                }
                return (id, info, fields)
            }.sorted { ($0.fields["quarantined_at"] ?? "", $0.id) < ($1.fields["quarantined_at"] ?? "", $1.id) }
            if json {
                for row in rows { print("{\"id\":\(JSONObjectWriter.quote(row.id)),\"info\":\(row.info)}") }
                return
            }
            guard !rows.isEmpty else { print("quarantine: empty"); return }
            print(TextTable.render(
                header: ["id", "quarantined (UTC)", "bytes", "source", "reason"],
                rows: rows.map { row in
                    [row.id, row.fields["quarantined_at"] ?? "-", row.fields["bytes"] ?? "-",
                     TerminalText.sanitized(row.fields["source"] ?? "-"), TerminalText.sanitized(String((row.fields["reason"] ?? "-").prefix(100)))]
                }
            ))
        }
    }
}
