import Foundation
import TicketQTestSupport
import Testing

/// A real Prometheus scraping two real workers with the shipped scrape config and rules: the
/// series arrive, throughput and p99 queries are sane, and every dashboard and rule expression
/// evaluates (the flow, latency and backlog panels with data).
struct PrometheusIntegrationTests {
    /// Dashboard rows whose panels must return data while tickets flow.
    static let rowsThatMustHaveData: Set<String> = ["Flow", "Latency vs SLA", "Backlog and headroom"]
    /// Panels that are legitimately empty in this run (no breaches, empty lanes have no headroom).
    static let panelsThatMayBeEmpty: Set<String> = ["SLA breach ratio (1h) by brand and lane", "Earliest due headroom", "Oldest waiting ticket"]

    @Test(.timeLimit(.minutes(3)))
    func prometheusScrapesWorkersAndEveryExpressionEvaluates() async throws {
        let bench = try OpsTestBench()
        try await bench.initializeDeployment()
        let ports = [try FreePort.allocate(), try FreePort.allocate()]
        let workers = try ports.enumerated().map { index, port in
            try ManagedProcess(
                bench.executable,
                ["worker", "--db", bench.directory.file("w\(index).db").path, "--id", "w\(index)", "--metrics-addr", "127.0.0.1:\(port)",
                 "--handler", "simulate:exp=2ms,fail=0.02,seed=\(index)"],
                name: "w\(index)", logDirectory: bench.directory.url, environment: bench.environment
            )
        }
        defer { workers.forEach { if $0.isRunning { $0.kill() } } }

        let promDirectory = bench.directory.file("prometheus")
        try FileManager.default.createDirectory(at: promDirectory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: OpsFiles.prometheus.appendingPathComponent("alerts.yml"), to: promDirectory.appendingPathComponent("alerts.yml"))
        let configuration = try shippedConfiguration(targets: ports)
        let prometheus = try await PrometheusServerProcess(configuration: configuration, directory: promDirectory)

        // Tickets keep flowing while Prometheus scrapes every second.
        for wave in 0..<8 {
            let (file, _) = try bench.writeTickets(400, prefix: "wave\(wave)")
            let submitted = try await bench.run(["submit", file])
            #expect(submitted.status == 0, "submit: \(submitted.stderr)")
            try await Task.sleep(for: .seconds(1))
        }
        let up = try await bench.eventually(timeout: .seconds(20)) {
            try await prometheus.query(#"up{job="ticketq-worker"} == 1"#).result.count == 2
        }
        #expect(up, "both workers should be up in Prometheus\n\(prometheus.process.logTail())")

        let throughput = try await prometheus.query("sum(rate(ticketq_tickets_processed_total[1m]))")
        let rate = Self.value(throughput.result.first)
        #expect(rate.map { $0 > 0 && $0 < 1_000_000 } == true, "throughput \(String(describing: rate)) \(throughput)")
        let p99 = try await prometheus.query("histogram_quantile(0.99, sum by (le) (rate(ticketq_ticket_processing_seconds_bucket[1m])))")
        let latency = Self.value(p99.result.first)
        #expect(latency.map { $0 > 0 && $0 < 60 } == true, "processing p99 \(String(describing: latency)) \(p99)")

        // Every dashboard expression evaluates; the flow, latency and backlog ones return data.
        let dashboard = try JSONSerialization.jsonObject(with: Data(contentsOf: OpsFiles.dashboard)) as? [String: Any] ?? [:]
        var row = ""
        var checked = 0
        for panel in dashboard["panels"] as? [[String: Any]] ?? [] {
            let title = panel["title"] as? String ?? ""
            if panel["type"] as? String == "row" { row = title; continue }
            for target in panel["targets"] as? [[String: Any]] ?? [] {
                let expression = target["expr"] as? String ?? ""
                let answer = try await prometheus.query(expression)
                checked += 1
                #expect(answer.status == "success", "panel \(title): \(expression): \(answer.error ?? "")")
                if Self.rowsThatMustHaveData.contains(row), !Self.panelsThatMayBeEmpty.contains(title) {
                    #expect(!answer.result.isEmpty, "panel \(title) (\(row)) is empty: \(expression)")
                }
            }
        }
        #expect(checked >= 20)

        // Every recording and alerting rule expression evaluates, and Prometheus reports every
        // rule healthy after evaluating it.
        let rules = try OpsFiles.text(OpsFiles.prometheus.appendingPathComponent("alerts.yml"))
        let expressions = rules.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("expr: ") ? String(trimmed.dropFirst("expr: ".count)) : nil
        }
        #expect(expressions.count >= 15)
        for expression in expressions {
            let answer = try await prometheus.query(expression)
            #expect(answer.status == "success", "\(expression): \(answer.error ?? "")")
        }
        let healthy = try await bench.eventually(timeout: .seconds(15)) {
            let groups = ((try await prometheus.api("/api/v1/rules"))["data"] as? [String: Any])?["groups"] as? [[String: Any]] ?? []
            let states = groups.flatMap { $0["rules"] as? [[String: Any]] ?? [] }.map { $0["health"] as? String ?? "" }
            return states.count == expressions.count && states.allSatisfy { $0 == "ok" }
        }
        #expect(healthy, "every rule should be loaded and evaluated without error")
    }

    /// The shipped prometheus.yml with its targets replaced by `targets` and 1 s intervals.
    private func shippedConfiguration(targets: [Int]) throws -> String {
        var lines: [String] = []
        for line in try OpsFiles.text(OpsFiles.prometheus.appendingPathComponent("prometheus.yml")).split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("- 127.0.0.1:") { continue }
            lines.append(String(line).replacingOccurrences(of: "15s", with: "1s"))
            if line.trimmingCharacters(in: .whitespaces) == "- targets:" {
                lines += targets.map { "          - 127.0.0.1:\($0)" }
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func value(_ sample: [String: Any]?) -> Double? {
        guard let pair = sample?["value"] as? [Any], pair.count == 2, let text = pair[1] as? String else { return nil }
        return Double(text)
    }
}
