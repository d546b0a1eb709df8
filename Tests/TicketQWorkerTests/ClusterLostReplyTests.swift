import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// Replies lost after Redis executed the command (``FaultProxy/dropNextReply(toCommandContaining:thenCut:)``):
/// the worker times out or sees its connection cut, reconnects, learns from its ack journal
/// that the ack was accepted, and no ticket is lost, accepted twice, or wrongly superseded.
struct ClusterLostReplyTests {
    /// One lost reply of a fault-injection run: the words the command must contain, and whether the
    /// connection is cut right after (otherwise the worker waits out its command timeout).
    struct LostReply: Sendable, CustomStringConvertible {
        let needles: [String]
        let cut: Bool
        var description: String { "\(needles.first ?? "any")\(cut ? " + cut" : "")" }
    }

    static let journalKey = String(decoding: (try! LaneKeys(namespace: "ticketq")).ackJournal(worker: "worker-a"), as: UTF8.self)
    static let urgentJournalKey = String(
        decoding: (try! LaneKeys(namespace: "ticketq")).ackJournal(worker: "worker-a", journal: .urgent), as: UTF8.self
    )

    /// The reply of an acknowledgement (an `FCALL` naming the worker's ack journal).
    static func ack(cut: Bool) -> LostReply { LostReply(needles: ["FCALL", journalKey], cut: cut) }

    @Test(.timeLimit(.minutes(2)), arguments: [false, true])
    func anAckWhoseReplyIsLostKeepsItsOutcome(cut: Bool) async throws {
        try await run(losing: [Self.ack(cut: cut)])
    }

    /// The urgent fast path acknowledges alongside the backlog: while its ack waits out the
    /// command timeout, the backlog's acks go on, and its own journal must still tell.
    @Test(.timeLimit(.minutes(2)), arguments: [false, true])
    func anUrgentAckWhoseReplyIsLostKeepsItsOutcome(cut: Bool) async throws {
        try await run(losing: [LostReply(needles: ["FCALL", Self.urgentJournalKey], cut: cut)])
    }

    /// The reply of the ack is lost, then the reply of the journal read that follows it. The ack
    /// waits out its command timeout, so that the second request is in place before the read.
    @Test(.timeLimit(.minutes(2)))
    func anAckWhoseReplyIsLostKeepsItsOutcomeWhenTheJournalReadFailsToo() async throws {
        let log = try await run(losing: [Self.ack(cut: false), LostReply(needles: ["HGETALL", Self.journalKey], cut: true)])
        #expect(log.contains("reading the ack journal failed"), "the lost journal read went unnoticed:\n\(log.suffix(3000))")
    }

    /// Runs worker-a through a proxy on 1,500 tickets and loses `replies`, one after the other,
    /// once it is busy; then checks the ledger and returns the worker's log.
    @discardableResult
    private func run(losing replies: [LostReply]) async throws -> String {
        let bench = try ClusterTestBench()
        let proxy = FaultProxy()
        try proxy.start(upstream: (host: bench.server.host, port: bench.server.port))
        defer { proxy.stop() }
        let (file, ids) = try bench.writeTickets(1500, prefix: "lr")
        let worker = try await bench.startReadyWorker(
            id: "worker-a", store: "a", handler: "simulate:fixed=20ms", concurrency: 16, redis: proxy.url
        )
        // Every loss is armed before the tickets arrive (they queue and are served in order), so
        // the sequence happens however fast the worker is and however slowly the test polls.
        for reply in replies { proxy.dropNextReply(toCommandContaining: reply.needles, thenCut: reply.cut) }
        #expect(try await bench.submit(file).output.status == 0)

        for (index, reply) in replies.enumerated() {
            let dropped = try await bench.eventually("reply \(index + 1) dropped", timeout: .seconds(30)) {
                proxy.droppedReplies == index + 1
            }
            try #require(dropped, "no command matched \(reply)\n\(bench.logs)")
        }
        let recovered = try await bench.eventually("ack failure logged", timeout: .seconds(30)) {
            worker.standardError.contains("acknowledgement failed")
        }
        #expect(recovered, "the worker never noticed the lost reply\n\(worker.logTail())")

        let drained = try await bench.eventually("drained", timeout: .seconds(60)) { bench.outstanding() == 0 }
        #expect(drained, "\(bench.outstanding() ?? -1) tickets outstanding\n\(bench.logs)")
        #expect(worker.isRunning, "\(worker.logTail())")
        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(30)) == 0, "\(worker.logTail())")

        let ledger = try await bench.ledger(["a"])
        let violations = ledger.violations(expecting: ids)
        let superseded = ledger.rows.filter { $0.status == "superseded" }
        print("lost replies \(replies): \(superseded.count) superseded rows, \(proxy.acceptedConnections) connections through the proxy")
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))\n\(worker.logTail())")
        #expect(superseded.isEmpty, "outcomes wrongly superseded (their ack was accepted): \(superseded.prefix(5).map(\.ticketID))")
        #expect(ledger.unconfirmed.isEmpty, "rows left unconfirmed: \(ledger.unconfirmed.prefix(5).map(\.ticketID))")
        return worker.standardError
    }
}
