import Foundation
import TicketQCore
import TicketQStore
import TicketQTestSupport

/// 2026-03-02T09:00:00Z in epoch milliseconds, the base of the fixtures' timestamps.
let fixtureBase: Int64 = 1_772_442_000_000

/// An outcome with plausible values; tests override what they look at.
func sampleOutcome(
    _ ticketID: String,
    brand: String = "pandorana",
    lane: Lane = .standard,
    status: OutcomeStatus = .done,
    fence: Int64 = 1,
    worker: String = "worker-a",
    completedAt: Int64 = fixtureBase + 60_000,
    dueAt: Int64 = fixtureBase + 3_600_000,
    reply: String? = "Thank you, we received your message.",
    ackConfirmed: Bool = false
) -> OutcomeRecord {
    OutcomeRecord(
        ticketID: ticketID,
        brand: brand,
        category: "order_status",
        urgent: lane == .sameBusinessDay,
        lane: lane,
        promoted: false,
        receivedAt: fixtureBase,
        effectiveReceiptAt: fixtureBase,
        dueAt: dueAt,
        resolutionDueAt: nil,
        enqueuedAt: fixtureBase + 5,
        startedAt: completedAt - 10,
        completedAt: completedAt,
        attempts: 1,
        worker: worker,
        status: status,
        slaMet: status == .dead ? nil : OutcomeRecord.slaMet(dueAt: dueAt, completedAt: completedAt),
        action: status == .dead ? "dead_lettered" : "acknowledged",
        reply: status == .dead ? nil : reply,
        fence: fence,
        deadReason: status == .dead ? "too many deliveries" : nil,
        lastError: status == .dead ? "handler failed" : nil,
        policyVersion: "policy-1",
        calendarVersion: "calendar-1",
        ackConfirmed: ackConfirmed
    )
}

/// A fresh store file in `directory`.
func makeStore(in directory: TemporaryDirectory, name: String = "outcomes.db", configuration: SQLiteConfiguration = SQLiteConfiguration()) throws -> OutcomeStore {
    try OutcomeStore(path: directory.file(name).path, configuration: configuration)
}
