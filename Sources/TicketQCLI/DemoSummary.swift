import Foundation
import TicketQCore
import TicketQStore

/// Throughput, response times per lane and SLA attainment, read back from the outcome stores.
struct DemoSummary {
    private var latencies: [Lane: [Int64]] = [:]
    private var met: [Lane: Int] = [:]
    private var dead = 0
    private var promoted = 0
    private var lastCompletion = Int64.min

    init(stores: [String]) throws {
        for path in stores where FileManager.default.fileExists(atPath: path) {
            let store = try OutcomeStore(path: path, mode: .readOnly)
            try store.forEach(matching: OutcomeQuery()) { record in
                if record.status == .dead { dead += 1; return }
                latencies[record.lane, default: []].append(max(0, record.completedAt - record.enqueuedAt))
                if record.slaMet == true { met[record.lane, default: 0] += 1 }
                if record.promoted { promoted += 1 }
                lastCompletion = max(lastCompletion, record.completedAt)
            }
        }
    }

    func render(workersStartedAt: Date) -> String {
        let total = latencies.values.map(\.count).reduce(0, +)
        var lines: [String] = []
        let seconds = Double(lastCompletion) / 1000 - workersStartedAt.timeIntervalSince1970
        lines.append(String(format: "outcomes: %d done, %d dead, %d promoted; throughput %.0f tickets/s (outcomes ÷ (last durable outcome − worker start))",
                            total, dead, promoted, seconds > 0 ? Double(total + dead) / seconds : 0))
        var rows: [[String]] = []
        for lane in Lane.allCases {
            let values = (latencies[lane] ?? []).sorted()
            guard !values.isEmpty else { continue }
            let attainment = 100 * Double(met[lane] ?? 0) / Double(values.count)
            rows.append([
                lane.rawValue, String(values.count), "\(percentile(values, 0.5)) ms", "\(percentile(values, 0.99)) ms",
                "\(values.last ?? 0) ms", String(format: "%.1f %%", attainment),
            ])
        }
        lines.append(TextTable.render(header: ["lane", "tickets", "p50 response", "p99 response", "max", "SLA met"], rows: rows))
        lines.append("(response = enqueued → durable outcome; SLA met = outcome at or before the lane's due time)")
        return lines.joined(separator: "\n")
    }

    private func percentile(_ sorted: [Int64], _ q: Double) -> Int64 {
        sorted[min(sorted.count - 1, Int((Double(sorted.count) * q).rounded(.up)) - 1 < 0 ? 0 : Int((Double(sorted.count) * q).rounded(.up)) - 1)]
    }
}
