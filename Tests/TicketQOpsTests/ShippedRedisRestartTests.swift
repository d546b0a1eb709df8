import Foundation
import TicketQTestSupport
import Testing

/// Redis started from the shipped `ops/redis/redis.conf` and `users.acl` (only port, bind, dir,
/// aclfile, pidfile, logfile and the passwords set), restarted cleanly and with SIGKILL, keeps
/// every queued, in-flight, dead-lettered and quarantined ticket and the dedupe window; with the
/// `default` line Redis 7.0 cannot replay its append-only file under, the same restart loses the
/// lanes — and ticketq notices, says so everywhere, and writes nothing until an operator recovers.
@Suite(.serialized)
struct ShippedRedisRestartTests {
    @Test(.timeLimit(.minutes(4)))
    func restartsWithTheShippedConfigurationKeepEveryTicket() async throws {
        let bench = try ShippedRedisBench()
        try await bench.ops.initializeDeployment(as: .admin)

        // Dead letters: every delivery fails and one delivery is the limit.
        let (doomedFile, doomedIDs) = try bench.ops.writeTickets(40, prefix: "doomed")
        #expect(try await bench.ops.run(["submit", doomedFile], as: .intake).status == 0)
        let failing = try bench.startWorker("failing", handler: "simulate:fail=1", extra: ["--max-deliveries", "1"])
        let deadLettered = try await bench.ops.eventually(timeout: .seconds(60)) { await bench.state()?.deadLetters == 40 }
        #expect(deadLettered, "\(failing.logTail())")
        failing.terminate()
        #expect(await failing.waitForExit(timeout: .seconds(30)) == 0)

        // In flight: a worker holds tickets with a handler that never finishes, then dies.
        let (queuedFile, queuedIDs) = try bench.ops.writeTickets(300, prefix: "queued")
        #expect(try await bench.ops.run(["submit", queuedFile], as: .intake).status == 0)
        // Exactly 25 held: the general slots only, no urgent fast path on top.
        let holding = try bench.startWorker(
            "holding", handler: "simulate:fixed=3600s", extra: ["--concurrency", "25", "--batch", "25", "--urgent-slots", "0"]
        )
        let holds = try await bench.ops.eventually(timeout: .seconds(60)) { await bench.state()?.inFlight == 25 }
        #expect(holds, "\(holding.logTail())")
        holding.kill()

        // Quarantined: an email to an address no brand has.
        let mail = bench.ops.directory.file("stray.eml")
        try "From: bob@example.com\nTo: someone@unknown.example\nSubject: lost\n\nWhere is my order?\n".write(to: mail, atomically: true, encoding: .utf8)
        #expect(try await bench.ops.run(["submit", "--format", "eml", mail.path], as: .intake).status == 2)

        let before = try #require(await bench.state())
        #expect(before.depth == 275 && before.inFlight == 25 && before.deadLetters == 40 && before.quarantined == 1 && before.dedupe == 340)

        bench.ops.server.stop()
        try bench.ops.server.restart()
        #expect(await bench.state() == before, "after a clean restart\n\(bench.ops.server.logTail)")

        bench.ops.server.kill()
        try bench.ops.server.restart()
        #expect(await bench.state() == before, "after SIGKILL and a restart\n\(bench.ops.server.logTail)")
        #expect(!bench.redisLog.contains("NOPERM") && !bench.redisLog.contains("CRITICAL"), "\(bench.ops.server.logTail)")

        // The dedupe window survived: the same files again are all duplicates.
        let again = try await bench.ops.run(["submit", "--json", doomedFile], as: .intake)
        #expect(again.stdout.contains("\"duplicate\":40"), "\(again.stdout)\(again.stderr)")

        // A healthy worker drains what was queued and what the dead worker held.
        let healthy = try bench.startWorker("healthy", handler: "acknowledge")
        let drained = try await bench.ops.eventually(timeout: .seconds(90)) { await bench.ops.outstanding() == 0 }
        #expect(drained, "\(healthy.logTail())")
        healthy.terminate()
        #expect(await healthy.waitForExit(timeout: .seconds(30)) == 0)
        let ledger = try await bench.ops.ledger(bench.stores)
        let accepted = ledger.rows.filter(\.isAccepted)
        #expect(Set(accepted.map(\.ticketID)) == Set(doomedIDs + queuedIDs))
        #expect(accepted.count == doomedIDs.count + queuedIDs.count, "a ticket has more than one accepted outcome")
    }

    @Test(.timeLimit(.minutes(4)))
    func aRedisThatLostItsDataIsNoticedAndRecoveredOnlyByAnOperator() async throws {
        // The ACL line shipped before: Redis 7.0 replays its append-only file as this user and
        // refuses every script's effects, so the restart below loses the deployment's data.
        let bench = try ShippedRedisBench(defaultUserLine: "user default off")
        try await bench.ops.initializeDeployment(as: .admin)
        let (file, ids) = try bench.ops.writeTickets(200, prefix: "handled")
        #expect(try await bench.ops.run(["submit", file], as: .intake).status == 0)
        let port = try FreePort.allocate()
        let running = try bench.startWorker("w1", handler: "acknowledge", metricsPort: port)
        let drained = try await bench.ops.eventually(timeout: .seconds(60)) { await bench.ops.outstanding() == 0 }
        #expect(drained, "\(running.logTail())")

        bench.ops.server.stop()
        try bench.ops.server.restart()
        #expect(bench.redisLog.contains("NOPERM"), "Redis 7.0 was expected to refuse its AOF under this ACL line\n\(bench.ops.server.logTail)")

        // Everyone notices: status's first line, the running worker's readiness and metric, a
        // worker starting now, and submit.
        let status = try await bench.ops.run(["status"])
        #expect(status.status == 1 && status.stdout.hasPrefix("DEPLOYMENT MARKER MISSING"), "\(status.stdout)\(status.stderr)")
        let unready = try await bench.ops.eventually(timeout: .seconds(30)) {
            let readiness = try? HTTPTestClient.get(port: port, "/readyz")
            return readiness?.status == 503 && readiness?.text.contains("ticketq deployment recover") == true
        }
        #expect(unready, "\(running.logTail())")
        #expect(try HTTPTestClient.get(port: port, "/metrics").text.contains("ticketq_deployment_marker_missing 1"))
        let startingPort = try FreePort.allocate()
        let starting = try bench.startWorker("w2", handler: "acknowledge", metricsPort: startingPort)
        let waits = try await bench.ops.eventually(timeout: .seconds(30)) {
            let readiness = try? HTTPTestClient.get(port: startingPort, "/readyz")
            return readiness?.status == 503 && readiness?.text.contains("deployment marker is missing") == true
        }
        #expect(waits && starting.isRunning, "a worker starting on a Redis without the marker waits, not exits\n\(starting.logTail())")
        let refused = try await bench.ops.run(["submit", try bench.ops.writeTickets(10, prefix: "refused").path], as: .intake)
        #expect(refused.status == 1 && refused.stderr.contains("deployment marker is missing"), "\(refused.stderr)")
        #expect(try await bench.ops.run(["status"]).status == 1, "nothing was written meanwhile")

        // The operator recovers with the worker's store: what was handled is a duplicate when
        // resubmitted, new tickets flow, and both workers resume by themselves.
        #expect(try await bench.ops.run(["deployment", "recover"], as: .admin).status == 64, "recover needs --yes")
        let recovered = try await bench.ops.run(["deployment", "recover", "--yes", "--store", bench.stores[0]], as: .admin)
        #expect(recovered.status == 0 && recovered.stdout.contains("200 ticket ids restored"), "\(recovered.stdout)\(recovered.stderr)")
        let resubmitted = try await bench.ops.run(["submit", "--json", file], as: .intake)
        #expect(resubmitted.stdout.contains("\"duplicate\":200"), "\(resubmitted.stdout)\(resubmitted.stderr)")
        let (fresh, freshIDs) = try bench.ops.writeTickets(100, prefix: "fresh")
        #expect(try await bench.ops.run(["submit", fresh], as: .intake).status == 0)
        let resumed = try await bench.ops.eventually(timeout: .seconds(60)) { await bench.ops.outstanding() == 0 }
        #expect(resumed, "\(running.logTail())\n\(starting.logTail())")
        let ready = try await bench.ops.eventually(timeout: .seconds(30)) {
            (try? HTTPTestClient.get(port: port, "/readyz"))?.status == 200 && (try? HTTPTestClient.get(port: startingPort, "/readyz"))?.status == 200
        }
        #expect(ready)
        for worker in [running, starting] {
            worker.terminate()
            #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")
        }
        let ledger = try await bench.ops.ledger(bench.stores)
        let accepted = ledger.rows.filter(\.isAccepted)
        #expect(Set(accepted.map(\.ticketID)) == Set(ids + freshIDs) && accepted.count == ids.count + freshIDs.count)
    }
}
