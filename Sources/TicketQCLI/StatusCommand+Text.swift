import Foundation
import TicketQConfig
import TicketQCore
import TicketQLanes
import TicketQStore

extension StatusCommand.Report {
    /// The fields shown first in the workers table, when records have them; others follow in
    /// the order they are written.
    static let preferredWorkerFields = [
        "id", "host", "pid", "started", "started_at", "last_seen", "last_seen_at", "processed", "store", "metrics", "metrics_addr", "metrics_address",
    ]

    /// The terminal form: tables for lanes, workers and switches.
    var text: String {
        var lines = ["at \(UTCTimestamp.format(milliseconds: now)) (Redis clock)", ""]
        let laneRows = Lane.allCases.map { lane -> [String] in
            let figures = figures(lane)
            return [
                lane.rawValue, String(figures?.depth ?? 0), String(figures?.retrying ?? 0),
                figures?.oldestEnqueuedMillis.map { Self.duration(max(0, now - $0)) } ?? "-",
                figures?.earliestDueMillis.map { UTCTimestamp.format(milliseconds: $0) } ?? "-",
                figures?.earliestDueMillis.map { due in due < now ? Self.duration(due - now) + " (overdue)" : Self.duration(due - now) } ?? "-",
            ]
        }
        lines.append(TextTable.render(header: ["lane", "depth", "retrying", "oldest age", "earliest due (UTC)", "headroom"], rows: laneRows))
        lines.append("")
        lines.append("in flight: \(snapshot.inFlight)    dead letters: \(snapshot.deadLetters)")
        var dedupe = "dedupe: \(snapshot.dedupeEntries) ids"
        if let dedupeBytes {
            dedupe += ", \(Self.bytes(dedupeBytes))"
            if let bytesPerID { dedupe += " (\(bytesPerID) bytes per id)" }
        }
        lines.append(dedupe)
        lines.append("")
        lines.append(workersText)
        lines.append(totalsText)
        lines.append("")
        if highVolume.isEmpty {
            lines.append("high volume: no brands")
        } else {
            let rows = highVolume.map { brand, state in
                if let problem = state.problem { return [brand, "unknown", "-", "unreadable: \(problem)"] }
                return [brand, state.isOn ? "on" : "off", state.since.map { UTCTimestamp.format(milliseconds: $0) } ?? "-",
                        state.next.map { "\($0.on ? "on" : "off") at \(UTCTimestamp.format(milliseconds: $0.atMillis))" } ?? ""]
            }
            lines.append(TextTable.render(header: ["brand", "high volume", "since (UTC)", "scheduled"], rows: rows))
        }
        return lines.joined(separator: "\n")
    }

    private var workersText: String {
        var heading = "workers: \(workers.count) live"
        if staleWorkers > 0 { heading += ", \(staleWorkers) stale in the registry (the reaper removes them)" }
        guard !workers.isEmpty else { return heading }
        var columns = ["id"]
        for name in Self.preferredWorkerFields where name != "id" && workers.contains(where: { $0.fields.contains { $0.key == name } }) {
            columns.append(name)
        }
        for worker in workers {
            for entry in worker.fields where !columns.contains(entry.key) { columns.append(entry.key) }
        }
        let rows = workers.map { worker in columns.map { worker.display($0) } }
        return heading + "\n" + TextTable.render(header: columns.map { $0.replacingOccurrences(of: "_", with: " ") }, rows: rows)
    }

    /// A signed duration in milliseconds as `45s`, `4m12s`, `2h05m` or `3d04h`.
    static func duration(_ milliseconds: Int64) -> String {
        let sign = milliseconds < 0 ? "-" : ""
        let seconds = abs(milliseconds) / 1000
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : String(value) }
        switch seconds {
        case ..<60: return "\(sign)\(seconds)s"
        case ..<3600: return "\(sign)\(seconds / 60)m\(two(seconds % 60))s"
        case ..<86_400: return "\(sign)\(seconds / 3600)h\(two(seconds / 60 % 60))m"
        default: return "\(sign)\(seconds / 86_400)d\(two(seconds / 3600 % 24))h"
        }
    }

    /// A byte count as `512 B`, `12.3 KiB` or `4.5 MiB`.
    static func bytes(_ count: Int) -> String {
        if count < 1024 { return "\(count) B" }
        let kibibytes = Double(count) / 1024
        if kibibytes < 1024 { return "\((kibibytes * 10).rounded() / 10) KiB" }
        return "\((kibibytes / 102.4).rounded() / 10) MiB"
    }
}
