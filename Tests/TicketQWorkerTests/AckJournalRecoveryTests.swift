import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQStore
import TicketQTestSupport
import TicketQWorker
import Testing

/// A worker killed after Redis accepted its acks and before its store recorded the confirmations:
/// however long it stays down, its next start confirms every outcome Redis accepted and
/// supersedes none. Entries the release before the function library left in its journal count too.
struct AckJournalRecoveryTests {
    @Test(.timeLimit(.minutes(2)))
    func acceptedOutcomesAreConfirmedAtTheNextStartHoweverLateItComes() async throws {
        let bench = try WorkerTestBench()
        let ids = try bench.enqueue(300, prefix: "j")
        let lanes = bench.lanes
        // What the killed process did: it claimed, committed every outcome, and Redis accepted
        // every settlement; no confirmation reached its store.
        let claimed = try lanes.claim(worker: "w1", batchSize: 300).tickets
        #expect(claimed.count == 300)
        let store = try OutcomeStore(path: bench.databasePath)
        _ = try store.insert(batch: claimed.map { Self.record($0, status: $0.lease.id.hasSuffix("7") ? .dead : .done) })
        let dead = claimed.filter { $0.lease.id.hasSuffix("7") }
        let legacy = claimed.filter { !$0.lease.id.hasSuffix("7") }.suffix(40)
        let acked = claimed.filter { !$0.lease.id.hasSuffix("7") }.dropLast(40)
        for chunk in stride(from: 0, to: acked.count, by: 16) {
            let leases = Array(acked.dropFirst(chunk).prefix(16)).map(\.lease)
            #expect(try lanes.acknowledge(leases, journalWorker: "w1").allSatisfy { $0 })
        }
        #expect(try lanes.deadLetter(dead.map { ($0.lease, #"{"reason":"handler_failed"}"#) }, journalWorker: "w1", journal: .urgent).allSatisfy { $0 })
        // The release before the library kept its journal as a list of `id|token,…` batches.
        #expect(try lanes.acknowledge(legacy.map(\.lease)).allSatisfy { $0 })
        let legacyEntry = legacy.map { "\($0.lease.id)|\($0.lease.token)" }.joined(separator: ",")
        try lanes.connection.command([Array("RPUSH".utf8), lanes.keys.legacyAckJournal(worker: "w1"), Array(legacyEntry.utf8)])

        // Nothing about the journal ages out: it has no expiry and no length limit.
        let journal = lanes.keys.ackJournal(worker: "w1")
        #expect(try lanes.connection.command([Array("PTTL".utf8), journal]).int == -1)
        // One entry per accepted ticket, besides the journal's schema field.
        #expect(try lanes.connection.command([Array("HLEN".utf8), journal]).int == Int64(acked.count) + 1)
        #expect(try lanes.ackJournal(worker: "w1").count == acked.count + legacy.count)

        // The worker comes back with the same id and store.
        let path = bench.databasePath
        try await bench.runWorker(try bench.configuration(id: "w1"), handler: AcknowledgeHandler(catalog: bench.catalog), timeout: .seconds(30)) {
            (try? OutcomeStore(path: path, mode: .readOnly).unconfirmedOutcomes(worker: "w1", olderThan: .max).isEmpty) == true
        }
        let counts = try bench.countByStatus()
        #expect(counts["superseded", default: 0] == 0, "\(counts)")
        #expect(try store.unconfirmedOutcomes(worker: "w1", olderThan: .max).isEmpty)
        #expect(counts["done", default: 0] + counts["dead", default: 0] == ids.count, "\(counts)")
        // Confirmed entries leave Redis: both journals and the old one are gone.
        for key in AckJournal.allCases.flatMap({ [lanes.keys.ackJournal(worker: "w1", journal: $0), lanes.keys.legacyAckJournal(worker: "w1", journal: $0)] }) {
            #expect(try lanes.connection.command([Array("EXISTS".utf8), key]).int == 0)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func aRunningWorkersJournalHoldsOnlyWhatItsStoreHasNotConfirmed() async throws {
        let bench = try WorkerTestBench()
        try bench.enqueue(2000, prefix: "r")
        let lanes = bench.lanes
        let path = bench.databasePath
        try await bench.runWorker(try bench.configuration(id: "w2"), handler: AcknowledgeHandler(catalog: bench.catalog), timeout: .seconds(60)) {
            (try? WorkerTestBench.countByStatus(path)["done", default: 0]) == 2000
        }
        // Every entry but those of the last settlements was forgotten as the worker went on.
        let left = try lanes.ackJournal(worker: "w2").count
        #expect(left < 2000, "the journal kept \(left) entries")
    }

    static func record(_ claimed: ClaimedTicket, status: OutcomeStatus) -> OutcomeRecord {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return OutcomeRecord(
            ticketID: claimed.lease.id, brand: "pandorana", category: "general", urgent: false, lane: claimed.lane,
            promoted: false, receivedAt: now, effectiveReceiptAt: now, dueAt: claimed.dueMillis, resolutionDueAt: nil,
            enqueuedAt: now, startedAt: now, completedAt: now, attempts: claimed.attempts, worker: "w1", status: status,
            slaMet: status == .dead ? nil : true, action: status == .dead ? "dead_lettered" : "acknowledged",
            reply: nil, fence: claimed.lease.token, deadReason: status == .dead ? "handler_failed" : nil,
            policyVersion: "p", calendarVersion: "c"
        )
    }
}
