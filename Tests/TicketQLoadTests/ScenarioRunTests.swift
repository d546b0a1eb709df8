import Foundation
import Testing
import TicketQTestSupport

/// Every scenario, small, against a real local cluster: a private redis-server and `ticketq`
/// workers from this build.
@Suite(.serialized)
struct ScenarioRunTests {
    @Test func drainTimesTheWholeBacklogAndChecksThresholds() async throws {
        let run = try await LoadRun.run(["run", "drain", "--tickets", "4000", "--local-cluster", "2", "--threshold", "lost==0", "--threshold", "duplicates==0"])
        #expect(run.output.status == 0, "\(run.output.stderr)\n\(run.output.stdout)")
        #expect(run.int("schema") == 1)
        #expect(run.summary["scenario"] as? String == "drain")
        #expect(run.int("sent") == 4000 && run.int("completed") == 4000 && run.int("lost") == 0 && run.int("duplicates") == 0)
        #expect((run.double("throughput_per_s") ?? 0) > 0)
        #expect(run.double("capacity_per_s") == run.double("throughput_per_s"))
        let lanes = run.summary["lanes"] as? [String: Any] ?? [:]
        #expect(lanes.values.map { ($0 as? [String: Any])?["count"] as? Int ?? 0 }.reduce(0, +) == 4000)
        for key in ["count", "p50_ms", "p99_ms", "p999_ms", "max_ms"] { #expect(run.lane("standard")[key] != nil) }
        #expect((run.summary["thresholds"] as? [[String: Any]])?.count == 2)
        #expect(run.summary["passed"] as? Bool == true)
        #expect(run.output.stdout.contains("scenario drain: PASSED"))
        let series = try String(contentsOf: run.directory.file("timeseries.jsonl"), encoding: .utf8)
        #expect(series.contains("\"completed\":"))
    }

    @Test func aFailedThresholdExitsWith99() async throws {
        let run = try await LoadRun.run(["run", "drain", "--tickets", "500", "--threshold", "p99(all)<1us"])
        #expect(run.output.status == 99, "\(run.output.stderr)")
        #expect(run.summary["passed"] as? Bool == false)
        #expect(run.output.stdout.contains("✗ p99(all)<1us"))
    }

    @Test func steadyOffersTheAskedFractionOfTheMeasuredCapacity() async throws {
        let run = try await LoadRun.run(["run", "steady", "--capacity-tickets", "6000", "--fraction", "0.3", "--duration", "2s"])
        #expect(run.completedCorrectly, "\(run.output.stderr)\n\(run.output.stdout)")
        let capacity = try #require(run.double("capacity_per_s"))
        let offered = try #require(run.double("offered_per_s"))
        #expect(capacity > 0)
        #expect(offered >= 0.9 * 0.3 * capacity, "offered \(offered) of capacity \(capacity)")
        #expect(run.int("lost") == 0 && run.int("completed") == run.int("sent"))
        #expect((run.summary["notes"] as? [String])?.contains { $0.contains("capacity") } == true)
        #expect((run.double("schedule_lag_p99_ms") ?? 99) >= 0)
    }

    @Test func priorityMeasuresUrgentTicketsWhileTheBacklogDrains() async throws {
        let run = try await LoadRun.run(["run", "priority", "--backlog", "8000", "--urgent-rate", "300"])
        #expect(run.completedCorrectly, "\(run.output.stderr)\n\(run.output.stdout)")
        #expect(run.int("lost") == 0)
        let urgent = run.lane("same_business_day")
        #expect((urgent["count"] as? Int ?? 0) > 0, "urgent tickets arrived while the backlog drained")
        #expect(run.lane("standard")["count"] as? Int == 8000, "the backlog is all standard")
    }

    @Test func peakReplaysTheBlackFridayProfileFaster() async throws {
        let run = try await LoadRun.run(["run", "peak", "--speed", "200", "--duration", "10m", "--peak-rate", "10"])
        #expect(run.completedCorrectly, "\(run.output.stderr)\n\(run.output.stdout)")
        let sent = try #require(run.int("sent"))
        #expect(sent > 1000 && sent < 20_000)
        #expect(run.int("completed") == sent && run.int("lost") == 0)
        #expect((run.double("duration_s") ?? 0) >= 2.5, "10 minutes at 200× is 3 seconds")
    }

    @Test func selfTestOffersLoadWithoutWorkers() async throws {
        let run = try await LoadRun.run(["run", "selftest", "--rate", "20000", "--duration", "1s"])
        #expect(run.completedCorrectly, "\(run.output.stderr)\n\(run.output.stdout)")
        #expect(run.int("sent") == 20000)
        #expect(run.int("completed") == 0 && run.int("lost") == 0)
        let lag = try #require(run.double("schedule_lag_p99_ms"))
        #expect(run.summary["harness_overloaded"] as? Bool == (lag > 1))
        #expect(run.summary["passed"] as? Bool == (lag <= 1))
    }

    @Test func workerKillsLoseAndDuplicateNothing() async throws {
        let run = try await LoadRun.run([
            "run", "drain", "--tickets", "12000", "--local-cluster", "2", "--kill-worker-every", "700ms",
            "--worker-concurrency", "64", "--worker-urgent-slots", "8", "--worker-batch", "32", "--worker-handler", "simulate:fixed=20ms",
            "--worker-lease", "1",
        ])
        #expect(run.output.status == 0, "\(run.output.stderr)\n\(run.output.stdout)")
        let kills = try #require(run.int("kills"))
        #expect(kills >= 1, "the run lasts long enough for a kill")
        #expect(run.int("lost") == 0 && run.int("duplicates") == 0 && run.int("completed") == 12000)
        // A killed worker held at most its general and its urgent slots' tickets.
        #expect((run.int("duplicate_executions") ?? .max) <= kills * (64 + 8))
        #expect(run.int("duplicate_executions_bound") == kills * (64 + 8))
    }
}
