import Foundation
import Testing
import TicketQTestSupport

/// The Sidekiq peer next to ticketq in the same run, on the same private Redis.
@Suite(.serialized)
struct PeerTests {
    @Test func drainRunsSidekiqBesideTicketQ() async throws {
        _ = try RequiredTool.path("sidekiq", package: "ruby-sidekiq")
        let run = try await LoadRun.run(["run", "drain", "--tickets", "5000", "--peer", "sidekiq", "--peers-dir", Self.peersDirectory])
        #expect(run.output.status == 0, "\(run.output.stderr)")
        let peer = try #require(run.summary["peer"] as? [String: Any])
        #expect(peer["peer"] as? String == "sidekiq")
        let sidekiq = try #require((peer["drain_throughput_per_s"] as? NSNumber)?.doubleValue)
        let ratio = try #require((peer["drain_ratio"] as? NSNumber)?.doubleValue)
        #expect(sidekiq > 0 && ratio > 0)
        #expect(abs(ratio - (run.double("throughput_per_s") ?? 0) / sidekiq) < 0.01)
        let html = try String(contentsOf: run.directory.file("report.html"), encoding: .utf8)
        #expect(html.contains("Side by side with sidekiq"))
        #expect(FileManager.default.fileExists(atPath: run.directory.file("sidekiq-drain.json").path))
    }

    @Test func steadyRunsSidekiqAtTheSameFractionOfItsOwnCapacity() async throws {
        _ = try RequiredTool.path("sidekiq", package: "ruby-sidekiq")
        let run = try await LoadRun.run([
            "run", "steady", "--capacity-tickets", "5000", "--fraction", "0.3", "--duration", "2s", "--peer", "sidekiq", "--peers-dir", Self.peersDirectory,
        ])
        #expect(run.completedCorrectly, "\(run.output.stderr)\n\(run.output.stdout)")
        let peer = try #require(run.summary["peer"] as? [String: Any])
        #expect((peer["steady_p99_ms"] as? NSNumber) != nil)
        #expect((peer["steady_offered_per_s"] as? NSNumber)?.doubleValue ?? 0 > 0)
        #expect((peer["steady_lost"] as? NSNumber)?.intValue == 0)
    }

    static var peersDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("loadtest/peers").path
    }
}
