import Foundation
import TicketQTestSupport
import Testing

/// Real supervisord running the shipped `ops/supervisor/ticketq.conf` against a Redis server
/// loaded with the shipped `ops/redis/users.acl` (only paths, ports, secrets and the system user
/// substituted): workers restarted after `kill -9`, scaled with `supervisorctl`, and drained by
/// `supervisorctl stop` while Prometheus-like keep-alive scrapes are open — with exactly one
/// accepted outcome per ticket and no SIGKILL.
struct SupervisordTests {
    @Test(.timeLimit(.minutes(3)))
    func workersSurviveAKillScaleUpAndDrainOnStop() async throws {
        let supervised = try await SupervisordBench(numprocs: 3)
        let bench = supervised.ops
        let three = try await bench.eventually(timeout: .seconds(30)) { try await supervised.running().count == 3 }
        let statusAfterStart = (try? await supervised.ctl(["status"]).stdout) ?? ""
        #expect(three, "three workers should be RUNNING\n\(statusAfterStart)\n\(supervised.log)")

        let first = try bench.writeTickets(20_000, prefix: "wave1")
        let submitted = try await bench.run(["submit", first.path], as: .intake)
        #expect(submitted.status == 0, "submit: \(submitted.stderr)")

        // kill -9 one worker; supervisord restarts it.
        let before = try await supervised.running()
        let (victim, victimPID) = try #require(before.sorted { $0.key < $1.key }.first)
        kill(victimPID, SIGKILL)
        let restarted = try await bench.eventually(timeout: .seconds(30)) {
            let now = try await supervised.running()
            return now.count == 3 && now[victim] != nil && now[victim] != victimPID
        }
        #expect(restarted, "supervisord did not restart \(victim)\n\(supervised.log)")

        // Scale to four.
        try supervised.writeProgram(numprocs: 4)
        _ = try await supervised.ctl(["reread"])
        let update = try await supervised.ctl(["update"])
        #expect(update.status == 0, "supervisorctl update: \(update.stdout)\(update.stderr)")
        let four = try await bench.eventually(timeout: .seconds(60)) { try await supervised.running().count == 4 }
        let statusAfterUpdate = (try? await supervised.ctl(["status"]).stdout) ?? ""
        #expect(four, "four workers should be RUNNING after the update\n\(statusAfterUpdate)")

        let second = try bench.writeTickets(20_000, prefix: "wave2")
        let resubmitted = try await bench.run(["submit", second.path], as: .intake)
        #expect(resubmitted.status == 0, "submit: \(resubmitted.stderr)")
        let drained = try await bench.eventually(timeout: .seconds(90)) { await bench.outstanding() == 0 }
        let statusAfterDrain = (try? await supervised.ctl(["status"]).stdout) ?? ""
        #expect(drained, "tickets still queued or in flight\n\(statusAfterDrain)")

        // Graceful stop of everything while a scraper holds a keep-alive connection to each
        // worker's /metrics, as Prometheus does between scrapes: every worker drains, closes the
        // connection and exits 0 before stopwaitsecs.
        let scrapers = try (0..<4).map { offset in
            let scraper = try HTTPTestClient(port: supervised.basePort + offset)
            let scrape = try scraper.request("GET", "/metrics")
            #expect(scrape.status == 200 && scrape.headers["connection"] == "keep-alive", "worker \(supervised.basePort + offset): \(scrape.status)")
            return scraper
        }
        let stop = try await supervised.ctl(["stop", "all"])
        #expect(stop.status == 0, "supervisorctl stop all: \(stop.stdout)\(stop.stderr)")
        let stopLines = supervised.log.split(separator: "\n").filter { $0.contains("stopped: ticketq-worker") }
        #expect(stopLines.count >= 4, "\(supervised.log)")
        #expect(stopLines.allSatisfy { $0.contains("(exit status 0)") }, "a worker did not drain cleanly:\n\(stopLines.joined(separator: "\n"))")
        // supervisord logs "killing NAME (pid N) with SIGKILL" when stopwaitsecs runs out.
        #expect(!supervised.log.contains("with SIGKILL"), "a worker was killed past its grace:\n\(supervised.log)")
        for scraper in scrapers { #expect(throws: Never.self) { try scraper.waitUntilClosed() } }
        await supervised.stop()

        let ledger = try await bench.ledger(supervised.stores(4))
        let violations = ledger.violations(expecting: first.ids + second.ids)
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
        #expect(ledger.liveInSeveralStores.isEmpty, "tickets live in two stores: \(ledger.liveInSeveralStores.prefix(5))")
    }
}
