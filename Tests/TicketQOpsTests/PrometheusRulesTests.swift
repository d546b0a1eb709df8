import Foundation
import TicketQTestSupport
import Testing

/// `promtool` on the shipped Prometheus configuration, alert rules and their unit tests.
struct PrometheusRulesTests {
    private func promtool(_ arguments: [String]) async throws -> ProcessOutput {
        let tool = try RequiredTool.path("promtool", package: "prometheus")
        return try await ProcessRunner.runOffPool(URL(fileURLWithPath: tool), arguments, currentDirectory: OpsFiles.prometheus)
    }

    @Test func scrapeConfigIsValid() async throws {
        let output = try await promtool(["check", "config", "prometheus.yml"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    }

    @Test func alertRulesAreValid() async throws {
        let output = try await promtool(["check", "rules", "alerts.yml"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
    }

    @Test func everyAlertHasAFiringAndAQuietCase() async throws {
        let output = try await promtool(["test", "rules", "alerts_test.yml"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        let rules = try OpsFiles.text(OpsFiles.prometheus.appendingPathComponent("alerts.yml"))
        let tests = try OpsFiles.text(OpsFiles.prometheus.appendingPathComponent("alerts_test.yml"))
        let alerts = rules.split(separator: "\n").compactMap { line -> String? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return trimmed.hasPrefix("- alert: ") ? String(trimmed.dropFirst("- alert: ".count)) : nil
        }
        #expect(alerts.count >= 10)
        for alert in alerts {
            let cases = tests.components(separatedBy: "alertname: \(alert)\n").dropFirst()
            let quiet = cases.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("exp_alerts: []") }.count
            #expect(quiet >= 1, "\(alert) has no case where it stays quiet")
            #expect(cases.count - quiet >= 1, "\(alert) has no case where it fires")
        }
    }
}
