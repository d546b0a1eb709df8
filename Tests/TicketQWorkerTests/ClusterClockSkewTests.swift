import Foundation
import TicketQStore
import TicketQTestSupport
import Testing

/// One of two workers runs with its host clock five minutes off (Debian's `faketime`, libfaketime):
/// every time on its outcomes is still read on Redis's clock, so its latencies and SLA verdicts
/// agree with those of the worker whose clock is right.
struct ClusterClockSkewTests {
    /// A clock five minutes off shows up as five minutes in a latency; this bound leaves any busy
    /// machine's real handling time far inside it and a skew far outside it.
    static let consistencyBound: Int64 = 30_000

    /// Ahead only: with libfaketime set five minutes *behind*, the worker's own log clock jumps
    /// back to the real time a few seconds in and its timers stop firing (a libfaketime effect on
    /// this runtime; a host clock that is merely off does not move monotonic timers), so that
    /// case cannot be staged this way. `WorkerClockTests` covers both signs in-process.
    @Test(.timeLimit(.minutes(3)), arguments: ["+5m"])
    func aWorkerWithASkewedClockReportsTheSameLatenciesAndVerdicts(skew: String) async throws {
        let faketime = try RequiredTool.path("faketime", package: "faketime")
        let bench = try ClusterTestBench()
        let (file, ids) = try bench.writeTickets(600, prefix: "skew")
        let plain = try await bench.startReadyWorker(id: "plain", store: "a", handler: "simulate:fixed=20ms", concurrency: 8)
        // `--exclude-monotonic`: the wall clock is off, as on a badly synchronised host, while
        // timers and timeouts run normally.
        let skewed = try await bench.startReadyWorker(
            id: "skewed", store: "b", handler: "simulate:fixed=20ms", concurrency: 8,
            launcher: [faketime, "--exclude-monotonic", "-f", skew]
        )
        // The wrapper forks the worker; signals go to the worker itself.
        let workerPID = try #require(Self.onlyChild(of: skewed.pid), "faketime did not start the worker\n\(bench.logs)")
        defer { kill(workerPID, SIGKILL) }
        try Self.expectLogClockOffset(skewed.standardError, skew: skew, logs: bench.logs)

        #expect(try await bench.submit(file).output.status == 0)
        let drained = try await bench.eventually("drained", timeout: .seconds(60)) { bench.outstanding() == 0 }
        #expect(drained, "\(bench.logs)")
        plain.terminate()
        kill(workerPID, SIGTERM)
        #expect(await plain.waitForExit(timeout: .seconds(30)) == 0, "\(plain.logTail())")
        #expect(await skewed.waitForExit(timeout: .seconds(30)) == 0, "\(skewed.logTail())")

        let rows = try ["a", "b"].map { store in try Self.outcomes(bench.storePath(store)) }
        #expect(rows.allSatisfy { !$0.isEmpty }, "both workers must have handled tickets: \(rows.map(\.count))")
        #expect(rows.map(\.count).reduce(0, +) == ids.count)
        for (store, records) in zip(["plain", "skewed"], rows) {
            let outside = records.filter { !(0...Self.consistencyBound).contains($0.completedAt - $0.startedAt) }
            #expect(outside.count == 0, "\(store): \(outside.count) outcomes whose handling time is not on one clock, e.g. \(outside.first.map { "\($0.completedAt - $0.startedAt) ms" } ?? "")")
            let wrongVerdicts = records.filter { $0.slaMet != ($0.completedAt <= $0.dueAt) }
            #expect(wrongVerdicts.count == 0, "\(store): sla_met disagrees with completed_at for \(wrongVerdicts.map(\.ticketID).prefix(5))")
            let receiptToOutcome = records.map { $0.completedAt - $0.receivedAt }
            let plainFigures = rows[0].map { $0.completedAt - $0.receivedAt }
            #expect(abs((receiptToOutcome.max() ?? 0) - (plainFigures.max() ?? 0)) <= Self.consistencyBound,
                    "\(store): receipt-to-outcome times drift from the plain worker's")
        }
        // Same tickets, same policies: both workers give the same verdict per category.
        let verdicts = rows.map { Dictionary($0.map { ($0.category, $0.slaMet) }, uniquingKeysWith: { first, _ in first }) }
        for (category, verdict) in verdicts[0] where verdicts[1][category] != nil {
            #expect(verdicts[1][category] == verdict, "\(category): plain \(String(describing: verdict)), skewed \(String(describing: verdicts[1][category]))")
        }
    }

    private static func outcomes(_ path: String) throws -> [OutcomeRecord] {
        var records: [OutcomeRecord] = []
        try OutcomeStore(path: path, mode: .readOnly).forEach(matching: OutcomeQuery()) { records.append($0) }
        return records.filter { $0.status == .done }
    }

    /// The one child process of `pid` (the program `faketime` forked), waiting for it to appear.
    private static func onlyChild(of pid: Int32) -> Int32? {
        for _ in 0..<100 {
            let text = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            if let child = text.split(separator: " ").first.flatMap({ Int32($0) }) { return child }
            usleep(50_000)
        }
        return nil
    }

    /// The skewed worker's log lines carry its host clock: proof that the skew is in effect.
    private static func expectLogClockOffset(_ log: String, skew: String, logs: String) throws {
        let stamp = try #require(log.split(separator: "\n").first.map { String($0.prefix(24)) }, "no log line\n\(logs)")
        let formatter = ISO8601DateFormatter()
        let logged = try #require(formatter.date(from: stamp), "unreadable log time \(stamp)")
        let offset = logged.timeIntervalSinceNow
        let expected: Double = skew.hasPrefix("-") ? -300 : 300
        #expect(abs(offset - expected) < 60, "the worker's clock is \(Int(offset)) s off, not \(Int(expected)) s\n\(logs)")
    }
}
