import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// A ticket whose handling aborts the worker process, in a claim of 512: after the restarts a
/// supervisor would make, only that ticket reaches the delivery limit (dead-lettered as
/// `crashed_worker`); the other 511 settle normally, at most 31 of them (its group of suspects)
/// delivered a third time.
struct ClusterPoisonTests {
    @Test(.timeLimit(.minutes(4)))
    func aTicketThatKillsItsWorkerIsDeadLetteredAloneAndItsBatchSettles() async throws {
        let bench = try ClusterTestBench()
        let (path, ids) = try bench.writeTickets(512, prefix: "p")
        let poison = ids[200]
        let submitted = try await bench.submit(path)
        #expect(submitted.output.status == 0, "\(submitted.output.stderr)")

        var deaths = 0
        var stopped = false
        for life in 0..<12 where !stopped {
            // Like a supervisor: the same id and store after every death.
            let worker = try bench.startWorker(
                id: "worker-a", store: "a", handler: "simulate:fixed=2ms,crash=\(poison)", concurrency: 512,
                extra: ["--batch", "512", "--urgent-slots", "0", "--max-deliveries", "5"], name: "worker-a-\(life)"
            )
            _ = try await bench.eventually("life \(life) ends", timeout: .seconds(90)) {
                !worker.isRunning || bench.outstanding() == 0
            }
            if worker.isRunning {
                worker.terminate()
                #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")
                stopped = true
            } else {
                deaths += 1
                #expect(worker.standardError.contains("aborts the worker process"), "\(worker.logTail())")
            }
        }
        #expect(stopped, "the poison ticket kept killing workers after \(deaths) deaths\n\(bench.logs)")
        // Deliveries: in the batch, in a group of suspects, then alone three times.
        #expect(deaths == 5, "deaths: \(deaths)")

        let ledger = try await bench.ledger(["a"])
        let accepted = ledger.rows.filter(\.isAccepted)
        let poisoned = accepted.filter { $0.ticketID == poison }
        #expect(poisoned.count == 1 && poisoned.first?.status == "dead" && poisoned.first?.deadReason == "crashed_worker",
                "\(poisoned.map { "\($0.status) \($0.deadReason ?? "-")" })")
        let others = Set(ids).subtracting([poison])
        let done = accepted.filter { $0.status == "done" && others.contains($0.ticketID) }
        #expect(Set(done.map(\.ticketID)) == others, "not done: \(others.subtracting(done.map(\.ticketID)).sorted().prefix(10))")
        #expect(done.count == others.count, "accepted twice: \(done.count - others.count)")
        #expect(done.allSatisfy { $0.attempts <= 3 }, "a neighbour was delivered more than three times: \(done.filter { $0.attempts > 3 }.prefix(5).map(\.ticketID))")
        #expect(done.filter { $0.attempts == 3 }.count <= 31, "more neighbours than a group were delivered a third time")
        let dead = try bench.laneStore().deadLetters()
        #expect(dead.map(\.id) == [poison])
    }
}
