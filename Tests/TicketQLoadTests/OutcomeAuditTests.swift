import Foundation
import Testing
import TicketQCore
@testable import TicketQLoad
import TicketQStore
import TicketQTestSupport

/// The books a run is judged by: a row its worker has not settled yet is no duplicate.
struct OutcomeAuditTests {
    private func outcome(_ id: String, worker: String, fence: Int64, settled: Bool, status: OutcomeStatus = .done) -> OutcomeRecord {
        let base: Int64 = 1_772_442_000_000
        return OutcomeRecord(
            ticketID: id, brand: "pandorana", category: "order_status", urgent: false, lane: .standard, promoted: false,
            receivedAt: base, effectiveReceiptAt: base, dueAt: base + 3_600_000, resolutionDueAt: nil, enqueuedAt: base + 5,
            startedAt: base + 50, completedAt: base + 60, attempts: 1, worker: worker, status: status,
            slaMet: status == .dead ? nil : true, action: status == .dead ? "dead_lettered" : "acknowledged",
            reply: nil, fence: fence, deadReason: status == .dead ? "too many deliveries" : nil,
            policyVersion: "p-1", calendarVersion: "c-1", ackConfirmed: settled
        )
    }

    private func store(_ directory: TemporaryDirectory, _ name: String, _ rows: [OutcomeRecord]) throws -> String {
        let path = directory.file(name).path
        _ = try OutcomeStore(path: path).insert(batch: rows)
        return path
    }

    private func accepted(_ count: Int) -> AcceptanceFlags {
        let flags = AcceptanceFlags(count: count)
        for index in 0..<count { flags.set(index, accepted: true) }
        return flags
    }

    @Test func aRowAwaitingItsWorkersSettlementIsNoDuplicate() throws {
        let directory = try TemporaryDirectory(prefix: "outcome-audit")
        // t-1 was redelivered: worker b settled it, worker a died after its commit and has not
        // superseded its row yet.
        let a = try store(directory, "a.db", [outcome("t-1", worker: "a", fence: 1, settled: false)])
        let b = try store(directory, "b.db", [outcome("t-1", worker: "b", fence: 2, settled: true), outcome("t-2", worker: "b", fence: 3, settled: true)])
        let audit = try OutcomeAudit(storePaths: [a, b], ids: ["t-1", "t-2", "t-3"], flags: accepted(3))
        #expect(audit.duplicates == 0)
        #expect(audit.unsettled == 1)
        #expect(audit.completed == 2)
        #expect(audit.lost == 1 && audit.lostExamples == ["t-3"])
    }

    @Test func settledAcceptedRowsInTwoStoresAreADuplicate() throws {
        let directory = try TemporaryDirectory(prefix: "outcome-audit")
        let a = try store(directory, "a.db", [outcome("t-1", worker: "a", fence: 1, settled: true)])
        let b = try store(directory, "b.db", [outcome("t-1", worker: "b", fence: 2, settled: true, status: .dead)])
        let audit = try OutcomeAudit(storePaths: [a, b], ids: ["t-1"], flags: accepted(1))
        #expect(audit.duplicates == 1 && audit.duplicateExamples == ["t-1"])
        #expect(audit.unsettled == 0 && audit.dead == 1 && audit.completed == 1)
    }

    @Test func aSupersededRowCountsNeitherWay() throws {
        let directory = try TemporaryDirectory(prefix: "outcome-audit")
        let a = try store(directory, "a.db", [outcome("t-1", worker: "a", fence: 1, settled: false)])
        #expect(try OutcomeStore(path: a).markSuperseded([FencedTicket(ticketID: "t-1", fence: 1)]) == 1)
        let b = try store(directory, "b.db", [outcome("t-1", worker: "b", fence: 2, settled: true)])
        let audit = try OutcomeAudit(storePaths: [a, b], ids: ["t-1"], flags: accepted(1))
        #expect(audit.duplicates == 0 && audit.unsettled == 0 && audit.superseded == 1 && audit.completed == 1)
        #expect(UnconfirmedOutcomes.count(in: [a, b]) == 0)
    }

    @Test func unconfirmedRowsAreCountedAcrossStores() throws {
        let directory = try TemporaryDirectory(prefix: "outcome-audit")
        let a = try store(directory, "a.db", [outcome("t-1", worker: "a", fence: 1, settled: false), outcome("t-2", worker: "a", fence: 2, settled: false)])
        let b = try store(directory, "b.db", [outcome("t-3", worker: "b", fence: 3, settled: false)])
        #expect(UnconfirmedOutcomes.count(in: [a, b, directory.file("not-yet.db").path]) == 3)
        // A file that is no store cannot be read: its rows are not known to be settled.
        try Data("not a database".utf8).write(to: directory.file("broken.db"))
        #expect(UnconfirmedOutcomes.count(in: [a, directory.file("broken.db").path]) == nil)
    }
}
