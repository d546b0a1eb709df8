import Foundation
import Testing
import TicketQTestSupport

/// `generate`, `replay` and the errors an operator meets.
@Suite(.serialized)
struct CommandLineTests {
    @Test func generatedTracesReplayAgainstALocalCluster() async throws {
        let directory = try TemporaryDirectory(prefix: "ticketq-load-trace")
        let trace = directory.file("trace.jsonl").path
        let generated = try await ProcessRunner.runOffPool(ProcessRunner.product("ticketq-load"), [
            "generate", "--profile", "working-day", "--duration", "20s", "--peak-rate", "300", "--seed", "9", "--out", trace,
        ])
        #expect(generated.status == 0, "\(generated.stderr)")
        let lines = try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
        #expect(lines.count > 1000 && lines.count < 6000)
        #expect(lines[0].hasPrefix("{\"at_ms\":"))
        let again = try await ProcessRunner.runOffPool(ProcessRunner.product("ticketq-load"), [
            "generate", "--profile", "working-day", "--duration", "20s", "--peak-rate", "300", "--seed", "9", "--out", directory.file("again.jsonl").path,
        ])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: directory.file("again.jsonl")) == Data(contentsOf: URL(fileURLWithPath: trace)), "same seed, same trace")

        let run = try await LoadRun.run(["replay", trace, "--speed", "4"])
        #expect(run.completedCorrectly, "\(run.output.stderr)\n\(run.output.stdout)")
        #expect(run.int("sent") == lines.count && run.int("completed") == lines.count)
        let duration = try #require(run.double("duration_s"))
        #expect(duration >= 4.5, "20 s of trace at 4× lasts 5 s (\(duration))")
    }

    @Test func replayAtAConstantRateKeepsTheMixAndDropsTheTiming() async throws {
        let directory = try TemporaryDirectory(prefix: "ticketq-load-trace")
        let trace = directory.file("trace.jsonl").path
        var text = ""
        for index in 0..<600 {
            text += #"{"at_ms":\#(index * 1000),"ticket":{"id":"r\#(index)","brand":"mejurn","subject":"Where is order #12345?","body":"where is my order"}}"# + "\n"
        }
        text += "this line is not JSON\n"
        try text.write(toFile: trace, atomically: true, encoding: .utf8)
        let run = try await LoadRun.run(["replay", trace, "--rate", "400"])
        #expect(run.completedCorrectly, "\(run.output.stderr)")
        #expect(run.int("sent") == 600 && run.int("completed") == 600)
        #expect((run.double("offered_per_s") ?? 0) > 380 && (run.double("offered_per_s") ?? 0) < 420)
        #expect((run.summary["notes"] as? [String])?.contains { $0.contains("line 601") } == true, "the bad line is reported, the rest replayed")
    }

    @Test func badInputIsNamed() async throws {
        let load = ProcessRunner.product("ticketq-load")
        let noStores = try await ProcessRunner.runOffPool(load, ["run", "drain", "--redis", "redis://127.0.0.1:1/0"])
        #expect(noStores.status == 2 && noStores.stderr.contains("--store"))
        let badThreshold = try await ProcessRunner.runOffPool(load, ["run", "drain", "--threshold", "p99(all)<fast"])
        #expect(badThreshold.status == 2 && badThreshold.stderr.contains("not a number"))
        let badTicketq = try await ProcessRunner.runOffPool(load, ["run", "drain", "--ticketq", "/nonexistent/ticketq"])
        #expect(badTicketq.status == 2 && badTicketq.stderr.contains("/nonexistent/ticketq"))
        let killsRemote = try await ProcessRunner.runOffPool(load, ["run", "drain", "--redis", "redis://127.0.0.1:1/0", "--store", "missing.db", "--kill-worker-every", "1s"])
        #expect(killsRemote.status == 2 && killsRemote.stderr.contains("--kill-worker-every"))
        let missingTrace = try await ProcessRunner.runOffPool(load, ["replay", "/nonexistent/trace.jsonl"])
        #expect(missingTrace.status == 1 && missingTrace.stderr.contains("/nonexistent/trace.jsonl"))
        let bothTargets = try await ProcessRunner.runOffPool(load, ["run", "drain", "--redis", "redis://127.0.0.1:1/0", "--local-cluster", "2"])
        #expect(bothTargets.status != 0 && bothTargets.stderr.contains("not both"))
    }

    @Test func anExistingClusterIsMeasuredThroughItsStores() async throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let directory = try TemporaryDirectory(prefix: "ticketq-load-existing")
        let store = directory.file("worker.db").path
        let url = "redis://127.0.0.1:\(redis.port)/0"
        let initialized = try await ProcessRunner.runOffPool(ProcessRunner.product("ticketq"), ["deployment", "init", "--redis", url])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let worker = Process()
        worker.executableURL = ProcessRunner.product("ticketq")
        worker.arguments = ["worker", "--redis", url, "--db", store, "--id", "existing-1", "--metrics-addr", "127.0.0.1:0"]
        worker.standardOutput = FileHandle.nullDevice
        worker.standardError = FileHandle.nullDevice
        try worker.run()
        defer { worker.terminate(); worker.waitUntilExit() }
        let run = try await LoadRun.run(["run", "drain", "--tickets", "2000", "--redis", url, "--store", store])
        #expect(run.output.status == 0, "\(run.output.stderr)")
        #expect(run.int("completed") == 2000 && run.int("lost") == 0)
    }
}
